% Match specifications written as Erlang funs (ets:fun2ms), nested calls.
ets:new(emp, [named_table, ordered_set]).
ets:insert(emp, [{1, ann, sales, 4200}, {2, bob, dev, 5100}, {3, cy, dev, 3900}]).
ets:fun2ms(fun({Id, Name, dev, Pay}) when Pay > 4000 -> {Name, Id} end).
ets:select(emp, ets:fun2ms(fun({_, Name, dev, Pay}) when Pay > 4000 -> Name end)).
ets:select(emp, ets:fun2ms(fun({Id, _, sales, _}) -> Id;
                              ({Id, Name, _, Pay}) when Pay < 4000; Id == 2 -> {Name, Pay * 2}
                           end)).
Min = 4000.
ets:select_count(emp, ets:fun2ms(fun({_, _, _, Pay}) -> Pay >= Min end)).
MS = ets:fun2ms(fun(E = {_, _, Dept, _}) when Dept =/= sales -> E end).
ets:select_reverse(emp, MS).
C = ets:match_spec_compile(MS).
ets:is_compiled_ms(C).
ets:match_spec_run([{9, zed, dev, 1}, {8, yan, ops, 2}, nope], C).
ets:insert(emp, {ets:info(emp, size), [ets:first(emp) | ets:last(emp)], #{max => ets:last(emp)}}).
ets:lookup(emp, 3).
ets:insert(emp, {4, dee, ops, ets:lookup_element(emp, 1, 4)}).
ets:lookup(emp, 4).
% Funs ms_transform rejects.
ets:fun2ms(fun({Id, Name}) -> lists:reverse(Name) end).
ets:fun2ms(fun({Id}) when Id > Max -> Id end).
ets:fun2ms(fun(A, B) -> A end).
ets:fun2ms(fun({A}) -> A).
ets:fun2ms(not_a_fun).
ets:insert(emp, fun(X) -> X end).
