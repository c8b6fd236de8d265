%% Prints, one per line with ~w, the results of the rename, give_away and
%% heir calls of TestOTPSuite_ownership (engine/otpsuite_test.go);
%% badarg prints as {error,badarg}, a pid or table id as pid or tid.
-mode(compile).

main(_) ->
    Self = self(),
    Other = spawn(fun() -> receive stop -> ok end end),
    Dead = spawn(fun() -> ok end),
    Ref = erlang:monitor(process, Dead),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    ets:new(foo, [named_table, public]),
    ets:new(baz, [named_table]),
    U = ets:new(un, [public]),
    R = fun(F) -> print(try F() catch error:badarg -> {error, badarg} end, Self, Other, U) end,
    R(fun() -> ets:rename(foo, bar) end),
    R(fun() -> ets:info(bar, name) end),
    R(fun() -> ets:info(foo, name) end),
    R(fun() -> ets:rename(bar, baz) end),
    R(fun() -> ets:rename(bar, bar) end),
    R(fun() -> ets:rename(U, un2) end),
    R(fun() -> ets:info(U, name) end),
    R(fun() -> ets:info(un2, name) end),
    R(fun() -> ets:rename(U, baz) end),
    R(fun() -> ets:info(U, name) end),
    R(fun() -> in(fun() -> ets:rename(bar, qux) end) end),
    R(fun() -> in(fun() -> ets:rename(qux, bar) end) end),
    R(fun() -> in(fun() -> ets:rename(baz, zzz) end) end),
    R(fun() -> in(fun() -> ets:give_away(bar, Self, x) end) end),
    R(fun() -> in(fun() -> ets:setopts(bar, {heir, Self, y}) end) end),
    R(fun() -> ets:give_away(bar, Self, x) end),
    R(fun() -> ets:give_away(bar, Dead, x) end),
    R(fun() -> ets:setopts(bar, {heir, Self, y}) end),
    R(fun() -> ets:info(bar, heir) end),
    R(fun() -> ets:setopts(bar, {heir, Other, y}) end),
    R(fun() -> ets:info(bar, heir) end),
    R(fun() -> ets:setopts(bar, {heir, Dead, y}) end),
    R(fun() -> ets:info(bar, heir) end),
    R(fun() -> ets:setopts(bar, {heir, none}) end),
    R(fun() -> ets:info(bar, heir) end),
    R(fun() -> ets:give_away(bar, Other, x) end),
    R(fun() -> ets:info(bar, owner) end),
    R(fun() -> ets:give_away(bar, Other, x) end),
    R(fun() -> ets:rename(bar, zz) end),
    R(fun() -> ets:insert(bar, {1}) end),
    R(fun() -> ets:info(nosuch, size) end),
    R(fun() -> ets:info(nosuch) end).

%% in runs F in another process.
in(F) ->
    Self = self(),
    spawn(fun() -> Self ! {res, try F() catch error:badarg -> {error, badarg} end} end),
    receive {res, X} -> X end.

print(X, Self, Other, U) ->
    io:format("~w~n", [subst(X, Self, Other, U)]).

subst(Self, Self, _, _) -> self;
subst(Other, _, Other, _) -> other;
subst(U, _, _, U) -> tid;
subst(X, _, _, _) -> X.
