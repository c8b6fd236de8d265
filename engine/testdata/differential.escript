%% Runs ets operations read from stdin, one Erlang term per line, on six
%% named public tables (set, ordered_set, bag, duplicate_bag, and kp2_set
%% and kp2_ordered_set with key position 2), and prints
%% each result with ~w on its own line; badarg prints as {error,badarg}.
%% Used by engine/differential_test.go.
-mode(compile).

main(_) ->
    [ets:new(T, [T, named_table, public]) || T <- [set, ordered_set, bag, duplicate_bag]],
    ets:new(kp2_set, [set, named_table, public, {keypos, 2}]),
    ets:new(kp2_ordered_set, [ordered_set, named_table, public, {keypos, 2}]),
    loop().

loop() ->
    case io:get_line("") of
        eof -> ok;
        Line ->
            {ok, Toks, _} = erl_scan:string(Line),
            {ok, Op} = erl_parse:parse_term(Toks),
            R = try run(Op) catch error:badarg -> {error, badarg} end,
            io:format("~w~n", [R]),
            loop()
    end.

run({select_chunks, T, MS, Limit}) -> chunks(fun ets:select/1, ets:select(T, MS, Limit), []);
run({select_reverse_chunks, T, MS, Limit}) -> chunks(fun ets:select_reverse/1, ets:select_reverse(T, MS, Limit), []);
run({match_chunks, T, Pat, Limit}) -> chunks(fun ets:match/1, ets:match(T, Pat, Limit), []);
run({match_object_chunks, T, Pat, Limit}) -> chunks(fun ets:match_object/1, ets:match_object(T, Pat, Limit), []);
run({select_chunk_sizes, T, MS, Limit}) -> sizes(fun ets:select/1, ets:select(T, MS, Limit), []);
run({select_reverse_chunk_sizes, T, MS, Limit}) -> sizes(fun ets:select_reverse/1, ets:select_reverse(T, MS, Limit), []);
run({select_delete_between, T, MS, Limit, Key}) ->
    case ets:select(T, MS, Limit) of
        '$end_of_table' -> [];
        {First, Cont} -> ets:delete(T, Key), [First | chunks(fun ets:select/1, ets:select(Cont), [])]
    end;
run({foldl, T}) -> ets:foldl(fun(O, Acc) -> [O | Acc] end, [], T);
run({foldr, T}) -> ets:foldr(fun(O, Acc) -> [O | Acc] end, [], T);
run(Op) ->
    [Name, T | Args] = tuple_to_list(Op),
    apply(ets, Name, [T | Args]).

sizes(_, '$end_of_table', Acc) -> lists:reverse(Acc);
sizes(Next, {Res, Cont}, Acc) -> sizes(Next, Next(Cont), [length(Res) | Acc]).

chunks(_, '$end_of_table', Acc) -> lists:append(lists:reverse(Acc));
chunks(Next, {Res, Cont}, Acc) -> chunks(Next, Next(Cont), [Res | Acc]).
