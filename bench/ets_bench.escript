#!/usr/bin/env escript
%% -*- erlang -*-
%% The ETS side of etsql's benchmark (bench/ets.go runs it): reads the
%% rows, keys and Northwind tables the Go runner wrote into Dir, measures
%% the same operations on real ETS tables, and prints one line per
%% figure: "Op<TAB>Value<TAB>Check,Check...", Value in ns per call (rows/s
%% for load, bytes for memory).
%%
%% usage: escript ets_bench.escript Dir BudgetMs
-mode(compile).

main([Dir, BudgetMs]) ->
    Budget = list_to_integer(BudgetMs) * 1000000,
    Rows = read_rows(Dir, "items.csv", fun item/1),
    Keys = list_to_tuple(read_ints(Dir, "keys.txt")),
    Starts = list_to_tuple(read_ints(Dir, "starts.txt")),
    %% A set for lookups and full scans, an ordered_set copy for ranges
    %% (as the etsql systems do).
    T = ets:new(items, [set, public]),
    load(T, Rows),
    memory(T),
    lookup(T, Keys, Budget),
    range(Rows, Starts, Budget),
    count(T, Budget),
    groupby(T, Budget),
    prefix(Rows, Budget),
    northwind(Dir, Budget),
    update(T, Budget),
    ok;
main(_) ->
    io:format(standard_error, "usage: ets_bench.escript Dir BudgetMs~n", []),
    halt(2).

%% ---- input ----

lines(Dir, File) ->
    {ok, Bin} = file:read_file(filename:join(Dir, File)),
    [L || L <- binary:split(Bin, <<"\n">>, [global]), L =/= <<>>].

read_rows(Dir, File, Fun) -> [Fun(binary:split(L, <<",">>, [global])) || L <- lines(Dir, File)].

read_ints(Dir, File) -> [binary_to_integer(L) || L <- lines(Dir, File)].

item([Id, Name, Cat, Price, Qty]) ->
    {binary_to_integer(Id), binary:copy(Name), binary_to_integer(Cat), binary_to_float(Price), binary_to_integer(Qty)}.

%% ---- timing ----

now_ns() -> erlang:monotonic_time(nanosecond).

run(_F, I, N) when I >= N -> ok;
run(F, I, N) -> F(I), run(F, I + 1, N).

%% elapsed(F, From, N) runs F(From) .. F(From+N-1) and returns the time.
elapsed(F, From, N) ->
    T0 = now_ns(),
    run(F, From, From + N),
    now_ns() - T0.

%% time_op(Budget, F): median ns per call over three rounds of about
%% Budget/3 each, after calibration (as timeOp in measure.go).
time_op(Budget, F) -> calibrate(Budget, F, 1, 0).

calibrate(Budget, F, N, From) ->
    El = elapsed(F, From, N),
    if
        El >= Budget div 10; N >= 1 bsl 26 ->
            Per = max(El / N, 1),
            K = max(1, trunc(Budget / 3 / Per)),
            Rounds = [elapsed(F, From + N + R * K, K) / K || R <- [0, 1, 2]],
            lists:nth(2, lists:sort(Rounds));
        true ->
            Grow = case El of
                       0 -> 10;
                       _ -> min(100, max(2, trunc(Budget / 10 / El) + 1))
                   end,
            calibrate(Budget, F, N * Grow, From + N)
    end.

emit(Op, Value, Checks) ->
    io:format("~s\t~w\t~s~n", [Op, Value, lists:join(",", [io_lib:format("~w", [C]) || C <- Checks])]).

%% ---- the operations ----

load(T, Rows) ->
    T0 = now_ns(),
    lists:foreach(fun(R) -> ets:insert(T, R) end, Rows),
    El = now_ns() - T0,
    emit(load, length(Rows) * 1.0e9 / max(El, 1), []).

memory(T) ->
    emit(memory, ets:info(T, memory) * erlang:system_info(wordsize), []).

qty(T, Key) ->
    [{_, _, _, _, Q}] = ets:lookup(T, Key),
    Q.

lookup(T, Keys, Budget) ->
    Size = tuple_size(Keys),
    Check = lists:sum([qty(T, element(I, Keys)) || I <- lists:seq(1, min(Size, 1000))]),
    emit(lookup, time_op(Budget, fun(I) -> qty(T, element(I rem Size + 1, Keys)) end), [Check]).

%% range_next(T, Key, N, Acc): the sum of qty of N objects from Key on, by
%% an ets:next loop (what an Erlang programmer writes for a bounded scan).
range_next(_T, _Key, 0, Acc) -> Acc;
range_next(T, Key, N, Acc) ->
    [{_, _, _, _, Q}] = ets:lookup(T, Key),
    case ets:next(T, Key) of
        '$end_of_table' -> Acc + Q;
        Next -> range_next(T, Next, N - 1, Acc + Q)
    end.

%% range_select: the same range by ets:select with guards on the key,
%% which OTP 25 answers with a full table scan.
range_select(T, Lo, N) ->
    Qs = ets:select(T, [{{'$1', '_', '_', '_', '$2'}, [{'>=', '$1', Lo}, {'<', '$1', Lo + N}], ['$2']}]),
    lists:sum(Qs).

range(Rows, Starts, Budget) ->
    T = ets:new(items_ordered, [ordered_set, public]),
    lists:foreach(fun(R) -> ets:insert(T, R) end, Rows),
    N = min(1000, length(Rows)),
    Size = tuple_size(Starts),
    Check = lists:sum([range_next(T, element(I, Starts), N, 0) || I <- lists:seq(1, 16)]),
    emit(range, time_op(Budget, fun(I) -> range_next(T, element(I rem Size + 1, Starts), N, 0) end), [Check]),
    emit(range_select, time_op(Budget, fun(I) -> range_select(T, element(I rem Size + 1, Starts), N) end), []),
    ets:delete(T).

count_ms() -> [{{'_', '_', 7, '$1', '_'}, [{'>', '$1', 500}], [true]}].

count(T, Budget) ->
    MS = count_ms(),
    emit(count, time_op(Budget, fun(_) -> ets:select_count(T, MS) end), [ets:select_count(T, MS)]).

sum_by_category(T) ->
    ets:foldl(fun({_, _, C, P, _}, Acc) -> maps:update_with(C, fun(S) -> S + P end, P, Acc) end, #{}, T).

groupby(T, Budget) ->
    Sums = sum_by_category(T),
    Check = [maps:get(C, Sums, 0.0) || C <- lists:seq(0, 99)],
    emit(groupby, time_op(Budget, fun(_) -> sum_by_category(T) end), Check).

prefix_scan(T2, Cat) ->
    Ids = ets:select(T2, [{{{Cat, '$1'}, '_', '_', '_'}, [], ['$1']}]),
    {length(Ids), lists:sum(Ids)}.

prefix(Rows, Budget) ->
    T2 = ets:new(items_by_category, [ordered_set, public]),
    lists:foreach(fun({Id, Name, Cat, Price, Qty}) -> ets:insert(T2, {{Cat, Id}, Name, Price, Qty}) end, Rows),
    {N, Sum} = prefix_scan(T2, 7),
    emit(prefix, time_op(Budget, fun(_) -> prefix_scan(T2, 7) end), [N, Sum]).

update(T, Budget) ->
    MS = [{{'$1', '$2', 7, '$3', '$4'}, [], [{{'$1', '$2', 7, '$3', {'+', '$4', 1}}}]}],
    emit(update, time_op(Budget, fun(_) -> ets:select_replace(T, MS) end), [ets:select_replace(T, MS)]).

%% ---- Northwind ----

northwind(Dir, Budget) ->
    case filelib:is_file(filename:join(Dir, "nw_details.csv")) of
        true -> northwind1(Dir, Budget);
        false -> ok
    end.

northwind1(Dir, Budget) ->
    Products = ets:new(products, [set, public]),
    Orders = ets:new(orders, [set, public]),
    Details = ets:new(order_details, [ordered_set, public]),
    [ets:insert(Products, {binary_to_integer(Id), binary:copy(Name), binary_to_integer(Cat), binary_to_float(Price)})
     || [Id, Name, Cat, Price] <- read_rows(Dir, "nw_products.csv", fun(X) -> X end)],
    [ets:insert(Orders, {binary_to_integer(Id), binary:copy(Cust)})
     || [Id, Cust] <- read_rows(Dir, "nw_orders.csv", fun(X) -> X end)],
    [ets:insert(Details, {{binary_to_integer(O), binary_to_integer(P)}, binary_to_float(Pr),
                          binary_to_integer(Q), binary_to_float(D)})
     || [O, P, Pr, Q, D] <- read_rows(Dir, "nw_details.csv", fun(X) -> X end)],
    LineOrders = list_to_tuple(read_ints(Dir, "nw_lineorders.txt")),
    Size = tuple_size(LineOrders),
    {CL, CQ} = lists:foldl(fun(I, {L, Q}) ->
                                   {L1, Q1} = order_lines(Orders, Details, element(I, LineOrders)),
                                   {L + L1, Q + Q1}
                           end, {0, 0}, lists:seq(1, min(100, Size))),
    emit(nw_order, time_op(Budget, fun(I) -> order_lines(Orders, Details, element(I rem Size + 1, LineOrders)) end),
         [CL, CQ]),
    Rev = revenue(Products, Details),
    emit(nw_revenue, time_op(Budget, fun(_) -> revenue(Products, Details) end),
         [0.0 | [maps:get(C, Rev, 0.0) || C <- lists:seq(1, 8)]]),
    ByCust = by_customer(Orders, Details),
    emit(nw_customer, time_op(Budget, fun(_) -> by_customer(Orders, Details) end),
         [map_size(ByCust), lists:sum(maps:values(ByCust))]).

order_lines(Orders, Details, Oid) ->
    [_] = ets:lookup(Orders, Oid),
    Qs = ets:select(Details, [{{{Oid, '_'}, '_', '$1', '_'}, [], ['$1']}]),
    {length(Qs), lists:sum(Qs)}.

revenue(Products, Details) ->
    ets:foldl(fun({{_, Pid}, Price, Q, D}, Acc) ->
                      C = ets:lookup_element(Products, Pid, 3),
                      maps:update_with(C, fun(S) -> S + Price * Q * (1 - D) end, Price * Q * (1 - D), Acc)
              end, #{}, Details).

by_customer(Orders, Details) ->
    ets:foldl(fun({{Oid, _}, _, Q, _}, Acc) ->
                      C = ets:lookup_element(Orders, Oid, 2),
                      maps:update_with(C, fun(S) -> S + Q end, Q, Acc)
              end, #{}, Details).
