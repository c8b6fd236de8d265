#!/usr/bin/env escript
%%! -noshell +sbwt none
%% Measures real ETS on the data of the engine's benchmarks
%% (engine/bench_test.go, BenchmarkVersusETS): N rows
%% {Id, Name, Category, Price, Qty} inserted in random order.
%% Usage: escript bench_ets.escript [N [Dir]] (Dir holds the file of
%% tab2file/file2tab, default /tmp). Prints one line per measure:
%% "name value unit".
-mode(compile).

main(Args) ->
    N = case Args of [A | _] -> list_to_integer(A); [] -> 1000000 end,
    rand:seed(exsss, {1, 2, 3}),
    Rows = shuffle([row(Id) || Id <- lists:seq(1, N)]),
    Keys = [rand:uniform(N) || _ <- lists:seq(1, N)],
    S = ets:new(s, [set, public]),
    O = ets:new(o, [ordered_set, public]),
    P = ets:new(p, [ordered_set, public]),
    report("insert_set", per(N, fun() -> [ets:insert(S, R) || R <- Rows], ok end), "ns/row"),
    report("insert_ordered_set", per(N, fun() -> [ets:insert(O, R) || R <- Rows], ok end), "ns/row"),
    [ets:insert(P, {{C, I}, Nm, Pr, Q}) || {I, Nm, C, Pr, Q} <- Rows],
    report("lookup_set", per(N, fun() -> [ets:lookup(S, K) || K <- Keys], ok end), "ns/op"),
    report("lookup_ordered_set", per(N, fun() -> [ets:lookup(O, K) || K <- Keys], ok end), "ns/op"),
    Dir = case Args of [_, D | _] -> D; _ -> "/tmp" end,
    File = filename:join(Dir, "bench_ets_" ++ os:getpid() ++ ".ets"),
    report("tab2file", ms(fun() -> ok = ets:tab2file(S, File) end), "ms"),
    report("file2tab", ms(fun() -> {ok, T2} = ets:file2tab(File), put(loaded, T2) end), "ms"),
    ets:delete(get(loaded)),
    ok = file:delete(File),
    Guards = [{{'_', '_', '$1', '$2', '_'}, [{'==', '$1', 7}, {'>', '$2', 500.0}], ['$_']}],
    report("select_two_guards", ms(fun() -> ets:select(S, Guards) end), "ms"),
    Count = [{{'_', '_', '$1', '$2', '_'}, [{'==', '$1', 7}, {'>', '$2', 500.0}], [true]}],
    report("select_count", ms(fun() -> ets:select_count(S, Count) end), "ms"),
    Lo = N div 2,
    Range = [{{'$1', '_', '_', '_', '_'}, [{'>=', '$1', Lo}, {'<', '$1', Lo + 1000}], ['$_']}],
    report("range_1000_select", ms(fun() -> ets:select(O, Range) end), "ms"),
    %% next loops from 100 places (the engine uses the same), per loop
    Starts = [1 + (K * 9973) rem max(N - 1000, 1) || K <- lists:seq(0, 99)],
    report("range_1000_next", ms(fun() -> [next_loop(O, S0, 1000) || S0 <- Starts], ok end) / 100, "ms"),
    Prefix = [{{{7, '_'}, '_', '_', '_'}, [], ['$_']}],
    report("prefix_select", ms(fun() -> ets:select(P, Prefix) end), "ms"),
    report("update_counter", per(N, fun() -> [ets:update_counter(S, K, {5, 1}) || K <- Keys], ok end), "ns/op"),
    Repl = [{{'$1', '$2', 8, '$3', '_'}, [], [{{'$1', '$2', 8, '$3', 0}}]}],
    report("select_replace_10k", ms(fun() -> ets:select_replace(S, Repl) end), "ms"),
    Del = [{{'_', '_', 7, '_', '_'}, [], [true]}],
    report("select_delete_10k", ms(fun() -> ets:select_delete(S, Del) end), "ms"),
    Words = erlang:system_info(wordsize),
    report("memory_set", ets:info(S, memory) * Words / 1048576, "MiB"),
    report("memory_ordered_set", ets:info(O, memory) * Words / 1048576, "MiB").

row(Id) ->
    {Id, <<"product-", (integer_to_binary(Id))/binary>>, Id rem 100, (Id rem 10000) / 10, Id rem 50}.

shuffle(L) -> [X || {_, X} <- lists:sort([{rand:uniform(), X} || X <- L])].

next_loop(T, K0, Count) ->
    K = case ets:lookup(T, K0) of [_] -> K0; [] -> ets:next(T, K0) end,
    next_loop1(T, K, Count).
next_loop1(_, '$end_of_table', _) -> ok;
next_loop1(_, _, 0) -> ok;
next_loop1(T, K, Count) -> _ = ets:lookup(T, K), next_loop1(T, ets:next(T, K), Count - 1).

per(N, F) -> {T, _} = timer:tc(F), T * 1000 / N.
ms(F) -> {T, _} = timer:tc(F), T / 1000.

report(Name, Value, Unit) -> io:format("~s ~.4f ~s~n", [Name, float(Value), Unit]).
