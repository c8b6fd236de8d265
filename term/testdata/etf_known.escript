%% etf_known.escript prints term_to_binary/1 of the known-encoding cases
%% of etf_test.go, one "name encoding" line per case. Regenerate with
%%   escript testdata/etf_known.escript > testdata/etf_known.txt
%% Encodings longer than 256 bytes are summarised as
%% "len=N head=HEX sha256=HEX" (head: the first 16 bytes).
main(_) ->
    Cases = [
        {"small_int_0", 0},
        {"small_int_255", 255},
        {"integer_256", 256},
        {"integer_minus_1", -1},
        {"integer_min_int32", -2147483648},
        {"integer_max_int32", 2147483647},
        {"small_big_max_int32_plus_1", 2147483648},
        {"small_big_min_int32_minus_1", -2147483649},
        {"small_big_max_int64", 9223372036854775807},
        {"small_big_min_int64", -9223372036854775808},
        {"small_big_2_64", 18446744073709551616},
        {"small_big_minus_2_64", -18446744073709551616},
        {"small_big_255_bytes", (1 bsl 2040) - 1},
        {"large_big_256_bytes", -(1 bsl 2040)},
        {"float_1_5", 1.5},
        {"float_0", 0.0},
        {"float_minus_0", -0.0},
        {"float_1e300", 1.0e300},
        {"float_denormal", 5.0e-324},
        {"atom_abc", abc},
        {"atom_empty", ''},
        {"atom_true", true},
        {"atom_latin1", 'é'},
        {"atom_utf8_small", 'ĳ'},
        {"atom_latin1_255", list_to_atom(lists:duplicate(255, $x))},
        {"atom_utf8_large", list_to_atom(lists:duplicate(200, 16#133))},
        {"atom_utf8_emoji", '😀'},
        {"binary_empty", <<>>},
        {"binary_ab", <<"ab">>},
        {"binary_bytes", <<0,255>>},
        {"tuple_empty", {}},
        {"tuple_pair", {1,a}},
        {"tuple_large", list_to_tuple(lists:seq(1,256))},
        {"nil", []},
        {"string_abc", "abc"},
        {"string_latin1", [233]},
        {"string_max", lists:duplicate(65535, 7)},
        {"list_long_bytes", lists:duplicate(65536, 7)},
        {"list_unicode", [307]},
        {"list_mixed", [1,300]},
        {"list_negative", [-1]},
        {"list_nested_nil", [[]]},
        {"list_floats", [1.0]},
        {"improper_int", [1|2]},
        {"improper_atoms", [a,b|c]},
        {"improper_binary_tail", [1|<<>>]},
        {"map_empty", #{}},
        {"map_one", #{a=>1}},
        {"map_mixed_keys", #{b=>1,a=>2,1=>x,1.0=>y}},
        {"map_nested_keys", #{{1}=>a,{1.0}=>b,[1]=>c,[1.0]=>d,<<>>=>e,#{}=>f}},
        {"map_32_keys", maps:from_list([{K, K} || K <- lists:seq(1,32)])},
        {"row", {42,<<"name">>,fruit,1.25,7}}
    ],
    [io:format("~s ~s~n", [Name, describe(term_to_binary(T))]) || {Name, T} <- Cases],
    ok.

describe(B) when byte_size(B) =< 256 -> hex(B);
describe(B) ->
    io_lib:format("len=~b head=~s sha256=~s",
                  [byte_size(B), hex(binary:part(B, 0, 16)), hex(crypto:hash(sha256, B))]).

hex(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B].
