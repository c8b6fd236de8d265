% The ETS playground: ets calls in Erlang syntax.
ets:new(kv, [named_table, ordered_set, public]).
ets:insert(kv, [{1, one}, {2, two}, {3, <<"three">>}, {4, "four"}]).
ets:insert_new(kv, {1, uno}).
ets:insert_new(kv, {5, 5.0}).
ets:lookup(kv, 1).
ets:lookup(kv, 99).
ets:lookup_element(kv, 2, 2).
ets:member(kv, 3).
ets:first(kv).  ets:next(kv, 1).  ets:last(kv).  ets:prev(kv, 1).
ets:select(kv, [{{'$1', '$2'}, [{'>', '$1', 2}], ['$2']}]).
ets:select_reverse(kv, [{{'$1', '_'}, [], ['$1']}]).
ets:select(kv, [{{'$1', '_'}, [], ['$1']}], 2).
ets:select({'$etsql_continuation', 1}).
ets:select({'$etsql_continuation', 2}).
ets:select({'$etsql_continuation', 2}).
ets:select_count(kv, [{{'$1', '_'}, [{'<', '$1', 3}], [true]}]).
ets:match(kv, {'$1', '$2'}).
ets:match_object(kv, {'_', one}).
ets:update_counter(kv, 5, {2, 1}).
ets:update_counter(kv, 6, {2, 10}, {6, 0}).
ets:update_element(kv, 1, {2, eins}).
ets:take(kv, 6).
ets:select_replace(kv, [{{'$1', '$2'}, [{'==', '$1', 4}], [{{'$1', four}}]}]).
ets:select_delete(kv, [{{'$1', '_'}, [{'>', '$1', 4}], [true]}]).
ets:match_delete(kv, {3, '_'}).
ets:delete_object(kv, {4, four}).
ets:delete(kv, 2).
ets:tab2list(kv).
ets:info(kv, size).
ets:info(kv, type).
ets:test_ms({a, 1}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]).
ets:test_ms({a, 1}, [{{'$1', '$2'}, [], ['$3']}]).
ets:rename(kv, kv2).
ets:whereis(kv).
ets:delete_all_objects(kv2).
ets:tab2list(kv2);
ets:delete(kv2).
ets:info(kv2).
% Errors.
ets:lookup(kv2, 1).
ets:new(b, [bag, named_table]).
ets:update_counter(b, 1, 1).
ets:insert(b, not_a_tuple).
ets:lookup_element(b, 1, 2).
ets:nonesuch(b).
ets:select(b, [bad]).
ets:lookup(b
  , 1 + ).
% Variables.
T = ets:new(anon, [set]).
ets:insert(T, {x, 1}).
ets:lookup(T, x).
ets:info(T, named_table).
ets:all().
