package engine

import (
	_ "embed"
	"strings"
	"testing"

	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

// otpSuiteCase is a sequence of ets calls modelled on a case of OTP's
// lib/stdlib/test/ets_SUITE.erl, written as Erlang terms in the format of
// testdata/differential.escript: {Function, Table, Args...}, the tables
// being the named set, ordered_set, bag and duplicate_bag.
type otpSuiteCase struct {
	name string
	ops  []string
}

var otpSuiteCases = []otpSuiteCase{
	{"t_select_replace_keyRetention", []string{
		"{insert, set, [{1,a},{2,b},{3,c}]}",
		"{select_replace, set, [{{'$1','$2'},[],[{{'$1',x}}]}]}",
		"{tab2list, set}",
		"{select_replace, set, [{{'$1','$2'},[],[{{{const,9},'$2'}}]}]}", // changes the key: refused
		"{tab2list, set}",
		"{select_replace, set, [{{'$1','$2'},[{'==','$1',2}],['$_']}]}",
		"{select_replace, set, [{'$1',[],['$1']}]}",
		"{select_replace, set, [{{'$1','_'},[],[{{'$1',{const,{t,1}},'$1'}}]}]}",
		"{tab2list, set}",
		"{select_replace, set, [{{'$1','_','_'},[],[{{'$1'}}]}]}",
		"{tab2list, set}",
		"{select_replace, set, [{{'$1'},[],[{{'$1',{{'$1',[a]}}}}]}]}",
		"{tab2list, set}",
		"{select_replace, set, [{{'$1','$2'},[],[{{'$1','$2',{const,c}}}]}, {'_',[],[foo]}]}",
		"{select_replace, set, [{{'$1','$2','$3'},[],[{{'$1'}}]}]}",
		"{tab2list, set}",
		"{select_replace, set, [{{'$1'},[],[{element,1,'$_'}]}]}",
		"{select_replace, set, [{'$1',[],[{{foo}}]}]}",
		"{tab2list, set}",
	}},
	{"t_select_replace_orderedSetEqualKeys", []string{
		"{insert, ordered_set, [{1,a},{2.0,b}]}",
		"{select_replace, ordered_set, [{{'$1','$2'},[],[{{1.0,'$2'}}]}]}",
		"{tab2list, ordered_set}",
		"{select_replace, ordered_set, [{{'$1','$2'},[{is_integer,'$1'}],[{{1.0,'$2'}}]}]}",
		"{tab2list, ordered_set}",
		"{select_replace, ordered_set, [{{'$1','$2'},[],[{{{'*','$1',1},y}}]}]}",
		"{tab2list, ordered_set}",
		"{select_replace, set, [{{'$1','$2'},[],[{{{float,'$1'},y}}]}]}",
	}},
	{"t_select_replace_bags", []string{
		"{insert, bag, [{1,a},{1,b}]}",
		"{select_replace, bag, [{{'$1','$2'},[],[{{'$1',c}}]}]}",
		"{select_replace, duplicate_bag, [{'$1',[],['$1']}]}",
		"{select_replace, bag, [{{'$1','$2'},[],[{{'$1','$2'}}]}]}",
		"{select_replace, bag, []}",
		"{select_replace, set, []}",
		"{select_replace, set, foo}",
	}},
	{"t_select_replace_wide", []string{
		"{insert, set, [{K, K} || K <- [1,2,3,4,5,6,7,8,9,10]]}",
	}},
	{"update_counter_ops", []string{
		"{insert, set, {a, 1, 2, 3, x}}",
		"{update_counter, set, a, []}",
		"{update_counter, set, a, [{2,1},{3,2},{4,3},{2,-1}]}",
		"{update_counter, set, a, [{2,1},{5,1}]}",
		"{lookup, set, a}",
		"{update_counter, set, a, [{2,1},{6,1}]}",
		"{update_counter, set, a, [{2,1},{1,1}]}",
		"{update_counter, set, a, {0,1}}",
		"{update_counter, set, a, {-1,1}}",
		"{update_counter, set, a, {2,a}}",
		"{update_counter, set, a, {2,1,a,b}}",
		"{update_counter, set, a, {2,1,10}}",
		"{update_counter, set, a, {2,1,10,0,0}}",
		"{update_counter, set, a, [{2,1}|x]}",
		"{update_counter, set, a, 1.0}",
		"{update_counter, set, missing, 1}",
		"{lookup, set, a}",
		"{update_counter, bag, a, 1}",
		"{update_counter, duplicate_bag, a, 1}",
	}},
	{"update_counter_threshold", []string{
		"{insert, set, {c, 0, 0}}",
		"{update_counter, set, c, {2, 3, 10, 0}}",
		"{update_counter, set, c, {2, 7, 10, 0}}",
		"{update_counter, set, c, {2, 1, 10, 0}}",
		"{update_counter, set, c, {2, -30, -5, 100}}",
		"{update_counter, set, c, {2, 0, 100, 7}}",
		"{update_counter, set, c, {2, 0, 99, 7}}",
		"{update_counter, set, c, [{2,5,103,-1},{3,-1,0,42},{2,1}]}",
		"{update_counter, set, c, {2, 1, 10, 18446744073709551616}}",
		"{update_counter, set, c, {2, 1, 10, -18446744073709551616}}",
		"{lookup, set, c}",
		"{update_counter, set, c, {2, 18446744073709551616, 10, 0}}",
		"{update_counter, set, c, {2, 18446744073709551616, 36893488147419103232, 0}}",
		"{update_counter, set, c, {3, -1, 0, 1.5}}",
		"{update_counter, set, c, {3, -1, a, 1}}",
		"{lookup, set, c}",
	}},
	{"update_counter_bignums", []string{
		"{insert, ordered_set, {n, 9223372036854775806}}",
		"{update_counter, ordered_set, n, 1}",
		"{update_counter, ordered_set, n, 1}",
		"{update_counter, ordered_set, n, 9223372036854775808}",
		"{update_counter, ordered_set, n, -36893488147419103231}",
		"{update_counter, ordered_set, n, -1}",
		"{update_counter, ordered_set, n, -9223372036854775808}",
		"{update_counter, ordered_set, n, -1}",
		"{insert, ordered_set, {m, 576460752303423487}}",
		"{update_counter, ordered_set, m, 1}",
		"{update_counter, ordered_set, m, -576460752303423489}",
		"{insert, ordered_set, {f, 1.0}}",
		"{update_counter, ordered_set, f, 1}",
		"{insert, ordered_set, {big, 340282366920938463463374607431768211456}}",
		"{update_counter, ordered_set, big, -340282366920938463463374607431768211456}",
		"{lookup, ordered_set, big}",
	}},
	{"update_counter_default", []string{
		"{update_counter, set, a, 1, {a, 0}}",
		"{update_counter, set, b, {3, 2}, {b, 0, 10}}",
		"{update_counter, set, c, 1, {c}}",
		"{update_counter, set, d, 1, {e, 0}}",
		"{update_counter, set, d, 1, {d, x}}",
		"{update_counter, set, d, 1, notatuple}",
		"{update_counter, set, d, [{2,1},{3,1}], {d, 0}}",
		"{update_counter, set, a, 1, {a, 100}}",
		"{tab2list, set}",
		"{update_counter, ordered_set, 1, 1, {1.0, 5}}",
		"{update_counter, ordered_set, 1.0, 1, {1, 5}}",
		"{tab2list, ordered_set}",
		"{update_counter, set, 1, 1, {1.0, 5}}",
		"{update_counter, set, f, {2, 1, 3, 0}, {f, 3}}",
		"{update_counter, set, g, {2, 1}, {g, 1.0}}",
		"{update_counter, set, h, {2, 1}, {h, 1, 2, 3}}",
		"{lookup, set, h}",
		"{update_counter, set, i, {1, 1}, {i, 0}}",
		"{lookup, set, i}",
		"{update_counter, bag, z, 1, {z, 0}}",
	}},
	{"update_element", []string{
		"{insert, set, {k, a, b, c}}",
		"{update_element, set, k, {2, x}}",
		"{update_element, set, k, [{2, y}, {4, z}, {2, w}]}",
		"{lookup, set, k}",
		"{update_element, set, k, {1, k}}",
		"{update_element, set, k, [{2, q}, {1, k}]}",
		"{update_element, set, k, {5, x}}",
		"{update_element, set, k, {0, x}}",
		"{update_element, set, k, [{2, q}, {5, x}]}",
		"{lookup, set, k}",
		"{update_element, set, k, []}",
		"{update_element, set, nokey, {2, x}}",
		"{update_element, set, nokey, {1, x}}",
		"{update_element, set, k, [{2,a}|b]}",
		"{update_element, set, k, {2,a,b}}",
		"{update_element, bag, k, {2, x}}",
		"{insert, ordered_set, {1, a}}",
		"{update_element, ordered_set, 1.0, {2, b}}",
		"{lookup, ordered_set, 1}",
	}},
	{"insert_new_lists", []string{
		"{insert_new, set, [{1,a},{2,b}]}",
		"{insert_new, set, [{3,c},{2,x}]}",
		"{lookup, set, 3}",
		"{insert_new, set, [{4,a},{4,b}]}",
		"{lookup, set, 4}",
		"{insert_new, set, []}",
		"{insert_new, set, [{5,a}|x]}",
		"{insert_new, set, [{5,a},{}]}",
		"{lookup, set, 5}",
		"{insert_new, bag, [{1,a},{2,b}]}",
		"{lookup, bag, 1}",
		"{insert_new, bag, [{1,c}]}",
		"{insert_new, duplicate_bag, [{1,a},{1,a}]}",
		"{lookup, duplicate_bag, 1}",
		"{insert_new, ordered_set, [{1,a},{1.0,b}]}",
		"{tab2list, ordered_set}",
		"{insert_new, ordered_set, {1.0,c}}",
		"{insert, set, []}",
		"{insert, set, [{}]}",
		"{insert, set, x}",
		"{insert, set, [{6,a}|x]}",
		"{lookup, set, 6}",
	}},
	{"lookup_element", []string{
		"{insert, set, {k, a, b}}",
		"{lookup_element, set, k, 1}",
		"{lookup_element, set, k, 3}",
		"{lookup_element, set, k, 4}",
		"{lookup_element, set, k, 0}",
		"{lookup_element, set, k, -1}",
		"{lookup_element, set, nokey, 1}",
		"{insert, bag, {k, a, b}}", "{insert, bag, {k, c}}",
		"{lookup_element, bag, k, 2}",
		"{lookup_element, bag, k, 3}",
		"{insert, duplicate_bag, [{k, a}, {k, a}]}",
		"{lookup_element, duplicate_bag, k, 2}",
		"{insert, ordered_set, {1, a}}",
		"{lookup_element, ordered_set, 1.0, 2}",
	}},
	{"delete_object_bags", []string{
		"{insert, bag, {k,1}}", "{insert, bag, {k,2}}", "{insert, bag, {k,3}}",
		"{delete_object, bag, {k,2}}",
		"{lookup, bag, k}",
		"{delete_object, bag, {k,2.0}}",
		"{delete_object, bag, {k,1.0}}",
		"{lookup, bag, k}",
		"{insert, duplicate_bag, [{k,1},{k,2},{k,1},{k,1.0}]}",
		"{delete_object, duplicate_bag, {k,1}}",
		"{lookup, duplicate_bag, k}",
		"{delete_object, duplicate_bag, {nokey,1}}",
		"{delete_object, duplicate_bag, nottuple}",
		"{delete_object, duplicate_bag, {}}",
		"{insert, set, {k, 1}}",
		"{delete_object, set, {k, 1.0}}",
		"{lookup, set, k}",
		"{delete_object, set, {k, 1}}",
		"{lookup, set, k}",
		"{insert, ordered_set, {1, 1}}",
		"{delete_object, ordered_set, {1.0, 1}}",
		"{lookup, ordered_set, 1}",
		"{delete_object, ordered_set, {1.0, 1.0}}",
		"{lookup, ordered_set, 1}",
	}},
	{"match_patterns", []string{
		"{insert, bag, [{a,1,1},{a,1,2},{b,2,2},{c,[1,2],{x,1}},{d,\"str\",<<\"bin\">>}]}",
		"{match, bag, {'$1','$2','$2'}}",
		"{match_object, bag, {'$1','$2','$2'}}",
		"{match, bag, {'_','$1','_'}}",
		"{match, bag, {'$2','$1','_'}}",
		"{match, bag, {'_',[1,'$1'],{'$2','$1'}}}",
		"{match, bag, {'_','_'}}",
		"{match_object, bag, '_'}",
		"{match, bag, '$1'}",
		"{match, bag, {a,'$1','$3'}}",
		"{match, bag, {'$0','$1'}}",
		"{match_object, bag, {d,[$s|'_'],'_'}}",
		"{match_delete, bag, {'_','$1','$1'}}",
		"{tab2list, bag}",
		"{match_delete, bag, {a,'_','_'}}",
		"{tab2list, bag}",
		"{insert, ordered_set, [{1,a},{2.0,b},{3,c}]}",
		"{match, ordered_set, {2,'$1'}}",
		"{match_object, ordered_set, {1.0,'_'}}",
		"{match, ordered_set, {'$1','_'}}",
		"{match_delete, ordered_set, {2,'_'}}",
		"{tab2list, ordered_set}",
		"{insert, set, [{1,a},{1.0,b}]}",
		"{match, set, {1,'$1'}}",
		"{match_object, set, {1.0,'_'}}",
	}},
	{"select_chunks", []string{
		"{insert, set, [{K, K} || K <- lists:seq(1, 10)]}",
	}},
	{"first_next_empty", []string{
		"{first, set}",
		"{last, set}",
		"{first, ordered_set}",
		"{last, ordered_set}",
		"{next, ordered_set, a}",
		"{prev, ordered_set, a}",
		"{next, set, a}",
		"{first, bag}",
		"{insert, ordered_set, [{1,a},{2.0,b},{3,c}]}",
		"{first, ordered_set}",
		"{last, ordered_set}",
		"{next, ordered_set, 1.0}",
		"{next, ordered_set, 2}",
		"{prev, ordered_set, 3.0}",
		"{prev, ordered_set, 1}",
		"{next, ordered_set, 3}",
		"{next, ordered_set, 1.5}",
		"{prev, ordered_set, 2.5}",
		"{prev, ordered_set, 0}",
		"{next, ordered_set, '$end_of_table'}",
		"{prev, ordered_set, {x}}",
		"{insert, set, {1,a}}",
		"{first, set}",
		"{next, set, 1}",
		"{last, set}",
		"{prev, set, 1}",
		"{next, set, 1.0}",
	}},
	{"keys_1_vs_1_0", []string{
		"{insert, set, [{1,int},{1.0,float}]}",
		"{lookup, set, 1}",
		"{lookup, set, 1.0}",
		"{member, set, 1.0}",
		"{info, set, size}",
		"{insert, ordered_set, [{1,int},{1.0,float}]}",
		"{lookup, ordered_set, 1}",
		"{lookup, ordered_set, 1.0}",
		"{info, ordered_set, size}",
		"{insert, bag, [{1,int},{1.0,float}]}",
		"{lookup, bag, 1}",
		"{lookup, bag, 1.0}",
		"{delete, set, 1.0}",
		"{lookup, set, 1}",
		"{delete, ordered_set, 1}",
		"{lookup, ordered_set, 1.0}",
		"{insert, ordered_set, [{{1,a},x},{{1.0,a},y}]}",
		"{lookup, ordered_set, {1,a}}",
		"{take, ordered_set, {1.0,a}}",
		"{info, ordered_set, size}",
	}},
	{"take", []string{
		"{insert, set, [{1,a},{2,b}]}",
		"{take, set, 1}",
		"{take, set, 1}",
		"{take, set, 2.0}",
		"{insert, bag, {k,1}}", "{insert, bag, {k,2}}", "{insert, bag, {j,3}}",
		"{take, bag, k}",
		"{lookup, bag, k}",
		"{info, bag, size}",
		"{insert, duplicate_bag, [{k,1},{k,1}]}",
		"{take, duplicate_bag, k}",
		"{insert, ordered_set, [{1,a}]}",
		"{take, ordered_set, 1.0}",
		"{take, ordered_set, 1}",
	}},
	{"delete_all_objects", []string{
		"{insert, set, [{1,a},{2,b}]}",
		"{insert, ordered_set, [{1,a},{2,b}]}",
		"{delete_all_objects, set}",
		"{delete_all_objects, ordered_set}",
		"{info, set, size}",
		"{info, ordered_set, size}",
		"{tab2list, set}",
		"{first, ordered_set}",
		"{insert, set, {3,c}}",
		"{tab2list, set}",
		"{delete_all_objects, bag}",
	}},
	{"tab2list_order", []string{
		"{insert, ordered_set, [{b,1},{a,2},{1,3},{1.5,4},{{x},5},{[a],6},{<<\"b\">>,7},{\"s\",8},{2,9}]}",
		"{tab2list, ordered_set}",
		"{foldl, ordered_set}",
		"{foldr, ordered_set}",
		"{insert, duplicate_bag, [{k,3},{k,1},{k,2},{k,1}]}",
		"{tab2list, duplicate_bag}",
		"{lookup, duplicate_bag, k}",
		"{insert, bag, {k,3}}", "{insert, bag, {k,1}}", "{insert, bag, {k,2}}", "{insert, bag, {k,1}}",
		"{lookup, bag, k}",
	}},
	{"info_items", []string{
		"{insert, set, [{1,a},{2,b}]}",
		"{info, set, size}",
		"{info, set, type}",
		"{info, set, keypos}",
		"{info, set, named_table}",
		"{info, set, protection}",
		"{info, ordered_set, type}",
		"{info, bag, type}",
		"{info, duplicate_bag, type}",
		"{info, set, name}",
		"{info, set, compressed}",
		"{info, set, read_concurrency}",
		"{info, set, write_concurrency}",
		"{info, set, decentralized_counters}",
		"{info, set, heir}",
		"{info, set, fixed}",
		"{info, set, safe_fixed}",
		"{info, set, safe_fixed_monotonic_time}",
		"{info, set, nosuchitem}",
	}},
}

func init() {
	otpSuiteCases = append(otpSuiteCases, moreOTPSuiteCases...)
}

var moreOTPSuiteCases = []otpSuiteCase{
	{"keypos2_update", []string{
		"{insert, kp2_set, {a, k, 1, 2}}",
		"{update_counter, kp2_set, k, {3, 5}}",
		"{update_counter, kp2_set, k, {2, 5}}",
		"{update_counter, kp2_set, k, {1, 5}}",
		"{update_counter, kp2_set, k, 1}",
		"{update_counter, kp2_set, k, [{3,1},{4,-1}]}",
		"{update_element, kp2_set, k, {1, b}}",
		"{update_element, kp2_set, k, {2, j}}",
		"{update_element, kp2_set, k, [{1, c},{4, z}]}",
		"{lookup, kp2_set, k}",
		"{lookup_element, kp2_set, k, 2}",
		"{update_counter, kp2_set, n, {3, 1}, {x, n, 0}}",
		"{update_counter, kp2_set, m, {3, 1}, {m}}",
		"{lookup, kp2_set, n}",
		"{insert, kp2_set, {a}}",
		"{insert_new, kp2_set, [{a, k2}, {a}]}",
		"{insert, kp2_ordered_set, [{a, 1}, {b, 1.0}, {c, 2}]}",
		"{tab2list, kp2_ordered_set}",
		"{select_replace, kp2_ordered_set, [{{'$1','$2'},[],[{{x,'$2'}}]}]}",
		"{select_replace, kp2_ordered_set, [{{'$1','$2'},[],[{{'$2','$1'}}]}]}",
		"{tab2list, kp2_ordered_set}",
		"{select_replace, kp2_set, [{{'$1','$2','$3','$4'},[],[{{'$1','$2','$4','$3'}}]}]}",
		"{match, kp2_ordered_set, {'$1', 1}}",
		"{take, kp2_ordered_set, 2.0}",
		"{first, kp2_ordered_set}",
	}},
	{"select_bodies", []string{
		"{insert, ordered_set, [{1,a,[x]},{2,b,[y]},{3,c,[]}]}",
		"{select, ordered_set, [{{'$1','$2','$3'},[],['$$']}]}",
		"{select, ordered_set, [{{'$1','$2','$3'},[],[{{'$3','$1'}}]}]}",
		"{select, ordered_set, [{{'$1','$2','$3'},[],[['$1'|'$3']]}]}",
		"{select, ordered_set, [{{'$1','_','_'},[{'>','$1',1}],[{const,{'$1'}}]}]}",
		"{select, ordered_set, [{{'$1','_','$3'},[{'=:=','$3',[]}],[{element,2,'$_'}]}]}",
		"{select, ordered_set, [{{'$1','_','_'},[{'>','$1',1}],['$1']},{{'$1','_','_'},[],[{{one,'$1'}}]}]}",
		"{select, ordered_set, [{{'$1','_','_'},[{badfun,'$1'}],['$1']}]}",
		"{select, ordered_set, [{{'$1','_','_'},[],['$2']}]}",
		"{select, ordered_set, [{{'$1','_','_'},[{'div','$1',0}],['$1']}]}",
		"{select, ordered_set, [{{'$1','_','_'},[],[{'div','$1',0}]}]}",
		"{select_count, ordered_set, [{{'$1','_','_'},[],[{'>','$1',1}]}]}",
		"{select_delete, ordered_set, [{{'$1','_','_'},[],[{'>','$1',1}]}]}",
		"{tab2list, ordered_set}",
		"{insert, bag, {k,1}}", "{insert, bag, {k,2}}", "{insert, bag, {j,1}}",
		"{select_delete, bag, [{{k,'$1'},[{'<','$1',2}],[true]}]}",
		"{select_count, bag, [{'_',[],[true]}]}",
		"{select, bag, [{{'$1',1},[],['$1']}]}",
		"{match_object, bag, {'_',2}}",
		"{select, set, [{'_',[],[true]}|x]}",
		"{select, set, [{'_',[]}]}",
		"{select, set, []}",
	}},
	{"update_counter_edge", []string{
		"{insert, ordered_set, {c, 10, 20}}",
		"{update_counter, ordered_set, c, {3, -25, 0, 0}}",
		"{update_counter, ordered_set, c, {3, -25, 0, 0}}",
		"{update_counter, ordered_set, c, {2, 0}}",
		"{update_counter, ordered_set, c, [{2, 1, 11, 1}, {2, 1, 11, 1}]}",
		"{update_counter, ordered_set, c, {2, 1, 10, 1}}",
		"{update_counter, ordered_set, c, {2, -1, 3, 5}}",
		"{update_counter, ordered_set, c, {2, -9, 2, 5}}",
		"{update_counter, ordered_set, c, {2, 1, 1, 5}}",
		"{update_counter, ordered_set, c, {2, 1, 1, -5}}",
		"{lookup, ordered_set, c}",
		"{update_counter, ordered_set, c, {2, 1}, {c, 0}}",
		"{update_counter, ordered_set, c, {a, 1}}",
		"{update_counter, ordered_set, c, {2.0, 1}}",
		"{update_counter, ordered_set, c, [{2, 1}, {3, a}]}",
		"{lookup, ordered_set, c}",
	}},
}

// otpSuiteSelects are select and match calls with chunks, run on every
// table after the case's ops that fill it.
var otpSuiteSelects = map[string][]string{
	"t_select_replace_wide": {
		"{select_replace, set, [{{'$1','$2'},[{'>','$1',5}],[{{'$1',{'+','$2',100}}}]}]}",
		"{select, set, [{{'$1','$2'},[{'>','$2',100}],['$1']}]}",
		"{select_replace, set, [{{'$1','$2'},[],[{{'$1','$2'}}]}]}",
		"{select_count, set, [{{'$1','$2'},[{'>','$2',100}],[true]}]}",
		"{select_delete, set, [{{'$1','$2'},[{'>','$2',100}],[true]}]}",
		"{select_count, set, [{'_',[],[true]}]}",
	},
	"select_chunks": {
		"{select_chunk_sizes, set, [{{'$1','_'},[],['$1']}], 1}",
		"{select_chunk_sizes, set, [{{'$1','_'},[],['$1']}], 3}",
		"{select_chunk_sizes, set, [{{'$1','_'},[],['$1']}], 5}",
		"{select_chunk_sizes, set, [{{'$1','_'},[],['$1']}], 10}",
		"{select_chunk_sizes, set, [{{'$1','_'},[],['$1']}], 11}",
		"{select_chunk_sizes, set, [{{'$1','_'},[{'>','$1',3}],['$1']}], 4}",
		"{select_chunk_sizes, set, [{{'$1','_'},[{'>','$1',30}],['$1']}], 4}",
		"{select_chunks, set, [{{'$1','_'},[],['$1']}], 1}",
		"{select_chunks, set, [{{'$1','_'},[],['$1']}], 3}",
		"{select_chunks, set, [{{'$1','_'},[],['$1']}], 10}",
		"{select_chunks, set, [{{'$1','_'},[],['$1']}], 100}",
		"{select_chunks, set, [{{'$1','_'},[{'>','$1',20}],['$1']}], 3}",
		"{select_chunks, set, [{{'$1','_'},[],['$1']}], 0}",
		"{insert, ordered_set, [{K, K} || K <- lists:seq(1, 10)]}",
		"{select_chunks, ordered_set, [{{'$1','_'},[],['$1']}], 3}",
		"{select_reverse_chunks, ordered_set, [{{'$1','_'},[],['$1']}], 3}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], 3}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], 5}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], 10}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[{'>','$1',2}],['$1']}], 4}",
		"{select_reverse_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], 3}",
		"{select_reverse_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], 10}",
		"{select_reverse_chunk_sizes, ordered_set, [{{'$1','_'},[{'<','$1',8}],['$1']}], 4}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], 0}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], -1}",
		"{select_chunk_sizes, ordered_set, [{{'$1','_'},[],['$1']}], a}",
		"{select_reverse_chunks, ordered_set, [{{'$1','_'},[{'<','$1',5}],['$1']}], 2}",
		"{select_reverse, ordered_set, [{{'$1','_'},[{'<','$1',5}],['$1']}]}",
		"{select_reverse, ordered_set, [{{'$1','_'},[],[{{'$1'}}]}]}",
		"{select_chunks, ordered_set, [{{'$1','_'},[{'>','$1',20}],['$1']}], 3}",
		"{match_chunks, ordered_set, {'$1','_'}, 4}",
		"{match_object_chunks, ordered_set, {'$1','_'}, 4}",
		"{select_reverse, set, [{{'$1','_'},[],['$1']}]}",
		"{select_reverse_chunks, set, [{{'$1','_'},[],['$1']}], 4}",
		"{match_object_chunks, set, {'_','_'}, 7}",
		"{select, ordered_set, [{{'$1','$2'},[{'=:=','$1',3}],['$_']}]}",
		"{select, ordered_set, [{{3.0,'$2'},[],['$2']}]}",
		"{select, set, [{{3.0,'$2'},[],['$2']}]}",
	},
}

func TestOTPSuite_againstOTP(t *testing.T) {
	erltest.Require(t)
	reset := []string{"{delete_all_objects, set}", "{delete_all_objects, ordered_set}", "{delete_all_objects, bag}",
		"{delete_all_objects, duplicate_bag}", "{delete_all_objects, kp2_set}", "{delete_all_objects, kp2_ordered_set}"}
	type step struct {
		cas string
		op  string
	}
	var steps []step
	for _, c := range otpSuiteCases {
		for _, op := range reset {
			steps = append(steps, step{c.name, op})
		}
		for _, op := range c.ops {
			steps = append(steps, step{c.name, op})
		}
		for _, op := range otpSuiteSelects[c.name] {
			steps = append(steps, step{c.name, op})
		}
	}
	// The list comprehensions and lists:seq calls are evaluated by erl;
	// expand them here too.
	ops := make([]term.Term, len(steps))
	var in strings.Builder
	for k, s := range steps {
		op, err := term.Parse(expandSeq(s.op))
		if err != nil {
			t.Fatalf("%s: %q: %v", s.cas, s.op, err)
		}
		ops[k] = op
		in.WriteString(term.Format(op) + ".\n")
	}
	out := erltest.RunEscript(t, differentialScript, []byte(in.String()))
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != len(ops) {
		t.Fatalf("escript printed %d results for %d operations", len(lines), len(ops))
	}
	r := newDiffRunner(t)
	badargs := 0
	for k, op := range ops {
		want, err := term.Parse(lines[k])
		if term.ExactEqual(want, errorBadarg) {
			badargs++
		}
		if err != nil {
			t.Fatalf("op %d: OTP result %q: %v", k, lines[k], err)
		}
		got := r.run(op)
		if unorderedResult(op) {
			got, want = sortedList(got), sortedList(want)
		}
		if !term.ExactEqual(got, want) {
			t.Errorf("%s: %s\n  engine: %s\n  OTP:    %s", steps[k].cas, term.Format(op), term.Format(got), term.Format(want))
		}
	}
	t.Logf("%d operations compared, %d of them badarg in OTP", len(ops), badargs)
}

// expandSeq replaces the two generator forms the cases use with the lists
// they denote.
func expandSeq(s string) string {
	s = strings.ReplaceAll(s, "[{K, K} || K <- [1,2,3,4,5,6,7,8,9,10]]", seqPairs(10))
	s = strings.ReplaceAll(s, "[{K, K} || K <- lists:seq(1, 10)]", seqPairs(10))
	s = strings.ReplaceAll(s, "[{{a,N},N} || N <- [1,2,3,4,5]]", "[{{a,1},1},{{a,2},2},{{a,3},3},{{a,4},4},{{a,5},5}]")
	return s
}

func seqPairs(n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for k := int64(1); k <= int64(n); k++ {
		if k > 1 {
			b.WriteByte(',')
		}
		b.WriteString("{" + itoa(k) + "," + itoa(k) + "}")
	}
	b.WriteByte(']')
	return b.String()
}

// selectReplaceKeySafety builds the key-safety checks of t_select_replace:
// for terms X and Y, match specifications whose body rebuilds the key
// from the head are accepted (0 replaced on an empty table) and the others
// are badarg; then the 'const' wrap of whole objects.
func selectReplaceKeySafety() []string {
	terms := []string{"a", `"hej"`, "123", "1.23", "1307960347852357218937346147315859062784", `<<"123">>`}
	eq := func(x, y string) [][2]string {
		return [][2]string{
			{"'$1'", "'$1'"},
			{"{X, Y}", "{{X, Y}}"},
			{"{'$1', Y}", "{{'$1', Y}}"},
			{"{{X, Y}}", "{{{{X, Y}}}}"},
			{"{X}", "{{X}}"},
			{"X", "{const, X}"},
			{"{X,Y}", "{const, {X,Y}}"},
			{"{X}", "{const, {X}}"},
			{"{X, Y}", "{{X, {const, Y}}}"},
			{"{X, {Y,'$1'}}", "{{{const, X}, {{Y,'$1'}}}}"},
			{"[X, Y | '$1']", "[X, Y | '$1']"},
			{"[{X, '$1'}, Y]", "[{{X, '$1'}}, Y]"},
			{"[{X, Y} | '$1']", "[{const, {X, Y}} | '$1']"},
			{"[112,114,101,102,105,120 | '$1']", "[112,114,101,102,105,120 | '$1']"},
			{"{[{X,Y}]}", "{{[{{X,Y}}]}}"},
			{"{[{X,Y}]}", "{{{const, [{X,Y}]}}}"},
			{"{[{X,Y}]}", "{{[{const,{X,Y}}]}}"},
		}
	}
	neq := func(x, y string) [][2]string {
		return [][2]string{
			{"'$1'", "'$2'"},
			{"{X, Y}", "{X, Y}"},
			{"{{X, Y}}", "{{{X, Y}}}"},
			{"{X}", "{{{X}}}"},
			{"{const, X}", "{const, X}"},
			{"{const, {X,Y}}", "{const, {X,Y}}"},
			{"'$1'", "{const, '$1'}"},
			{"{X}", "{const, {{X}}}"},
			{"{X, {Y,'$1'}}", "{{{const, X}, {Y,'$1'}}}"},
			{"[X, Y | '$1']", "[X, Y]"},
			{"[X, Y]", "[X, Y | '$1']"},
			{"[{X, '$1'}, Y]", "[{X, '$1'}, Y]"},
			{"[112,114,101,102,105,120 | '$1']", "[112,114,101,102,73,120 | '$1']"},
			{"{[{X,Y}]}", "{{[{X,Y}]}}"},
			{"{[{X,Y}]}", "{{{const, [{{X,Y}}]}}}"},
			{"{[{X,Y}]}", "{{[{const,{{X,Y}}}]}}"},
			{"'_'", "'_'"},
			{"'$_'", "'$_'"},
			{"'$$'", "'$$'"},
			{"#{}", "#{}"},
			{"#{X => '$1'}", "#{X => '$1'}"},
		}
	}
	subst := func(s, x, y string) string {
		return strings.NewReplacer("X", x, "Y", y).Replace(s)
	}
	var ops []string
	for _, x := range terms {
		for _, y := range terms {
			for _, pair := range append(eq(x, y), neq(x, y)...) {
				ops = append(ops, "{select_replace, set, [{{"+subst(pair[0], x, y)+", '$2', '$3'}, [], [{{"+subst(pair[1], x, y)+", '$3', '$2'}}]}]}")
			}
		}
	}
	keys := append([]string{"{1, tuple}", "{nested, {tuple, {a,b}}}"}, terms...)
	for _, k := range keys {
		for _, n := range []string{"{K, 1, 2}", "{K, 3, 4}", "{K, 1}", "{K, 1, 2, 3}", "{K}"} {
			nw := strings.ReplaceAll(n, "K", k)
			ops = append(ops,
				"{insert, set, {"+k+", 1, 2}}",
				"{select_replace, set, [{{"+k+", 1, 2}, [], [{const, "+nw+"}]}]}",
				"{lookup, set, "+k+"}",
				"{delete, set, "+k+"}")
		}
	}
	for _, k := range []string{"#{a => 1}", "{nested, #{a => 1}}", "'$1'"} {
		for _, n := range []string{"{K, 1, 2}", "{K, 3, 4}", "{K, 1}", "{K, 1, 2, 3}", "{K}"} {
			nw := strings.ReplaceAll(n, "K", k)
			ops = append(ops, "{select_replace, set, [{{"+k+", 1, 2}, [], [{const, "+nw+"}]}]}")
		}
	}
	return ops
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"t_select_replace_keySafety", selectReplaceKeySafety()},
		otpSuiteCase{"t_select_replace_specs", selectReplaceSpecs()})
}

// selectReplaceSpecs are MatchSpec1..10 of t_select_replace on 20
// objects {N, "N"} of each table type but bag.
func selectReplaceSpecs() []string {
	var ops []string
	for _, tab := range []string{"set", "ordered_set", "duplicate_bag"} {
		var objs []string
		for n := 1; n <= 20; n++ {
			objs = append(objs, "{"+strings.TrimSpace(term.Format(i(int64(n))))+", \""+strings.TrimSpace(term.Format(i(int64(n))))+"\"}")
		}
		ops = append(ops, "{insert, "+tab+", ["+strings.Join(objs, ",")+"]}")
		if tab == "duplicate_bag" {
			ops = append(ops, "{insert, duplicate_bag, {3, \"3\"}}")
		}
		for _, ms := range []string{
			"[{{'$1', '$2'}, [{'=:=', {'band', '$1', 3}, 3}, {'=/=', {'hd', '$2'}, 120}], [{{'$2', '$1'}}]}]",
			"[{{'$1', '$2'}, [{'=:=', {'band', '$1', 3}, 3}], [{{{'+', '$1', 0}, '$2'}}]}, {{'$1', '$2'}, [{'=/=', {'band', '$1', 3}, 3}], [{{{'-', '$1', 0}, '$2'}}]}]",
			"[{{'$1', '$2'}, [{'=:=', {'band', '$1', 3}, 3}, {'=/=', {'hd', '$2'}, 120}], [{{{'*', '$1', 1.0}, '$2'}}]}]",
			"[{{'$1','$2'}, [{'<', {'rem', '$1', 5}, 2}], [{{'$1', [120 | '$2'], stuff}}]}]",
			"[{{'$1','$2','_'}, [], [{{'$1','$2'}}]}]",
			"[{{'$1', '$2'}, [{'>', {'rem', '$1', 5}, 3}], ['$_']}]",
			"[{{'$1', '$2'}, [{'>', {'rem', '$1', 5}, 3}], [{{'$1', '$2'}}]}]",
			"[{{'$1', '$2'}, [{'>', {'rem', '$1', 5}, 3}], [{{{element, 1, '$_'}, '$2'}}]}]",
			"[{{'$1', '$2'}, [], [{{{element, 2, '$_'}, '$2'}}]}]",
			"[{{'$1', '$2'}, [{'>', '$1', 14}], [{{'$1', {{gt_range, '$2'}}}}]}]",
			"[{{'$1', '$2'}, [{'<', '$1', 6}], [{{'$1', {{le_range, '$2'}}}}]}]",
			"[{{'$1', '$2'}, [{'>=', '$1', 7}, {'<', '$1', 14}], [{{'$1', {{range, '$2'}}}}]}]",
			"[{{'$1', '$2'}, [{'==', '$1', 6}], [{{'$1', {{specific1, '$2'}}}}]}, {{'$1', '$2'}, [{'==', '$1', 14}], [{{'$1', {{specific2, '$2'}}}}]}]",
		} {
			ops = append(ops, "{select_replace, "+tab+", "+ms+"}", "{tab2list, "+tab+"}")
		}
		ops = append(ops, "{select_delete, "+tab+", [{'_',[],[true]}]}")
	}
	ops = append(ops, "{insert, bag, [{1,a},{2,b}]}", "{select_replace, bag, [{'$1',[],['$1']}]}", "{select_delete, bag, [{'_',[],[true]}]}")
	return ops
}

func init() {
	otpSuiteCases = append(otpSuiteCases,
		otpSuiteCase{"update_counter_neg", updateCounterNeg()},
		otpSuiteCase{"update_counter_with_default", updateCounterWithDefault()},
		otpSuiteCase{"update_counter_for", updateCounterFor()})
}

// updateCounterNeg is update_counter_neg_for: every invalid operation,
// alone or in a list with valid ones, is badarg and changes nothing.
func updateCounterNeg() []string {
	inv := []string{"false", "{2}", "{2,false}", "{false,1}", "{0,1}", "{-1,1}", "{1,1}", "{3,1}", "{5,1}",
		"{2,1,100}", "{2,1,100,0,false}", "{2,1,false,0}", "{2,1,0,false}"}
	var ops []string
	for _, tab := range []string{"set", "ordered_set"} {
		ops = append(ops, "{insert, "+tab+", {key,0,false,1}}")
		for _, shape := range []string{"I", "[{2,1},I]", "[I,{2,1}]", "[{2,1},{4,-100},I]", "[{4,100,50,0},{2,1},I]",
			"[{2,1},I,{4,100,50,0}]", "[I,{4,100,50,0},{2,1}]", "[{2,1} | I]"} {
			for _, x := range inv {
				ops = append(ops, "{update_counter, "+tab+", key, "+strings.ReplaceAll(shape, "I", x)+"}")
			}
		}
		ops = append(ops, "{update_counter, "+tab+", key, [{2,1} | {4,1}]}", "{lookup, "+tab+", key}",
			"{update_counter, "+tab+", false, 1}", "{delete, "+tab+", key}", "{update_counter, "+tab+", key, 1}")
	}
	return append(ops, "{update_counter, bag, key, 1}", "{update_counter, duplicate_bag, key, 1}")
}

// updateCounterWithDefault is update_counter_with_default_do.
func updateCounterWithDefault() []string {
	var ops []string
	for _, tab := range []string{"set", "ordered_set"} {
		ops = append(ops,
			"{update_counter, "+tab+", foo, 2, {beaufort,1}}",
			"{update_counter, "+tab+", foo, 2, {cabecou,1}}",
			"{update_counter, "+tab+", foo, [{2,4}], {camembert,1}}",
			"{update_counter, "+tab+", {foo,bar}, 2, {{chaource,chevrotin},1}}",
			"{update_counter, "+tab+", {foo,bar}, 2, {{cantal,comte},1}}",
			"{update_counter, "+tab+", {foo,bar}, [{2,4}], {{emmental,de,savoie},1}}",
			"{update_counter, "+tab+", 1.0, 2, {1,1}}",
			"{update_counter, "+tab+", 1, 2, {1,1}}",
			"{update_counter, "+tab+", 1, 2, {1.0,1}}",
			"{update_counter, "+tab+", 2, 2, {2.0,1}}",
			"{update_counter, "+tab+", 2.0, 2, {2.0,1}}",
			"{update_counter, "+tab+", 2.0, 2, {2,1}}",
			"{update_counter, "+tab+", qux, 3, {saint,felicien}}",
			"{update_counter, "+tab+", qux, [{3,1}], {roquefort,1}}",
			"{tab2list, "+tab+"}")
	}
	return ops
}

// updateCounterFor is the start of update_counter_for and a few of its
// size-crossing steps (small, 60-bit, 32-bit and 64-bit bounds), with
// warps, on both set and ordered_set.
func updateCounterFor() []string {
	const (
		smallMax32 = "134217727"
		smallMax64 = "576460752303423487"
		big1Max32  = "4294967295"
		big1Max64  = "18446744073709551615"
	)
	var ops []string
	for _, tab := range []string{"set", "ordered_set"} {
		ops = append(ops,
			"{insert, "+tab+", {a,1,1}}",
			"{update_counter, "+tab+", a, 100}",
			"{update_counter, "+tab+", a, {3,100}}",
			"{lookup, "+tab+", a}",
			"{insert, "+tab+", {a,0,0,0,0}}")
		for range 3 {
			ops = append(ops,
				"{update_counter, "+tab+", a, [{2,"+smallMax32+"},{3,"+smallMax64+"},{4,"+big1Max32+"},{5,"+big1Max64+"}]}",
				"{update_counter, "+tab+", a, [{5,"+big1Max64+"},{3,"+big1Max64+"},{2,-"+big1Max64+"},{4,-"+big1Max64+"}]}",
				"{update_counter, "+tab+", a, [{3,"+smallMax32+",268435454,-268435454},{5,-"+smallMax64+",-1152921504606846974,1152921504606846974},"+
					"{4,-"+big1Max32+",-8589934590,8589934590},{2,"+big1Max64+",36893488147419103230,-36893488147419103230}]}",
				"{update_counter, "+tab+", b, [{2,1},{5,-"+big1Max64+"}], {b,"+big1Max64+",0,0,1}}",
				"{lookup, "+tab+", a}",
				"{lookup, "+tab+", b}")
		}
	}
	return ops
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"update_element_neg", updateElementNeg()},
		otpSuiteCase{"update_element_keypos2", []string{
			"{insert, kp2_set, {val, key, val, val}}",
			"{update_element, kp2_set, key, [{1,a},{3,b},{4,c},{1,d}]}",
			"{update_element, kp2_set, key, {4, 1307960347852357218937346147315859062784}}",
			"{update_element, kp2_set, key, [{3, \"Sverker\"}, {1, <<45,232,0,12,133>>}, {4, {}}]}",
			"{lookup, kp2_set, key}",
			"{update_element, kp2_set, key, [{2, key}]}",
			"{insert, kp2_ordered_set, {val, 17.0, val}}",
			"{update_element, kp2_ordered_set, 17, [{3, x}, {1, y}]}",
			"{update_element, kp2_ordered_set, 17, [{2, 17}]}",
			"{lookup, kp2_ordered_set, 17}",
		}})
}

// updateElementNeg is update_element_neg_do: every invalid {Pos,Value},
// alone or with valid ones, is badarg and changes nothing.
func updateElementNeg() []string {
	inv := []string{"false", "{2}", "{2,1,false}", "{false,1}", "{0,1}", "{1,1}", "{-1,1}", "{4,1}"}
	var ops []string
	for _, tab := range []string{"set", "ordered_set"} {
		ops = append(ops, "{insert, "+tab+", {key, 0, \"Hej\"}}")
		for _, shape := range []string{"I", "[{2,1},I]", "[I,{2,1}]", "[{2,1},{3,\"Hello\"},I]", "[{3,\"Hello\"},{2,1},I]",
			"[{2,1},I,{3,\"Hello\"}]", "[I,{3,\"Hello\"},{2,1}]", "[{2,1} | I]"} {
			for _, x := range inv {
				ops = append(ops, "{update_element, "+tab+", key, "+strings.ReplaceAll(shape, "I", x)+"}")
			}
		}
		ops = append(ops, "{update_element, "+tab+", key, [{2,1} | {3,1}]}", "{lookup, "+tab+", key}",
			"{update_element, "+tab+", key, []}", "{update_element, "+tab+", false, []}",
			"{update_element, "+tab+", false, {2,1}}", "{delete, "+tab+", key}", "{update_element, "+tab+", key, {2,1}}")
	}
	return append(ops, "{update_element, bag, key, {2,1}}", "{update_element, duplicate_bag, key, {2,1}}")
}

//go:embed testdata/otpsuite_ownership.escript
var otpSuiteOwnershipScript string

// TestOTPSuite_ownership runs the rename, give_away and heir calls of
// testdata/otpsuite_ownership.escript (after ets_SUITE's rename,
// rename_unnamed, give_away and heir cases) on the engine and compares the
// results line by line. Pids print as self or other, the unnamed table's
// id as tid; ets:rename/2 returns the new name of a named table and the
// id of an unnamed one.
func TestOTPSuite_ownership(t *testing.T) {
	erltest.Require(t)
	db := NewDB()
	self, other, dead := db.NewProcess("self"), db.NewProcess("other"), db.NewProcess("dead")
	dead.Close()
	mustNew := func(name string, opts Options) *Table {
		tab, err := db.New(self, name, opts)
		if err != nil {
			t.Fatal(err)
		}
		return tab
	}
	mustNew("foo", Options{Named: true, Access: Public})
	mustNew("baz", Options{Named: true})
	un := mustNew("un", Options{Access: Public})
	named := func(name string) *Table {
		tab, _ := db.Whereis(name)
		return tab // nil: the calls below are badarg
	}
	pidName := func(p *Process) term.Term {
		switch p {
		case nil:
			return a("none")
		case self:
			return a("self")
		case other:
			return a("other")
		}
		return p.Pid()
	}
	res := func(v term.Term, err error) term.Term {
		if err != nil {
			return errorBadarg
		}
		return v
	}
	rename := func(p *Process, tab *Table, name string) term.Term {
		if tab == nil {
			return errorBadarg
		}
		if err := tab.Rename(p, name); err != nil {
			return errorBadarg
		}
		if tab == un {
			return a("tid")
		}
		return a(name)
	}
	info := func(tab *Table, item string) term.Term {
		if tab == nil {
			return a("undefined")
		}
		in, err := tab.Info()
		if err != nil {
			return a("undefined")
		}
		switch item {
		case "heir":
			return pidName(in.Heir)
		case "owner":
			return pidName(in.Owner)
		}
		return res(in.Item(item))
	}
	giveAway := func(p *Process, tab *Table, to *Process) term.Term {
		if tab == nil {
			return errorBadarg
		}
		return res(term.True, tab.GiveAway(p, to, a("x")))
	}
	setHeir := func(p *Process, tab *Table, heir *Process) term.Term {
		if tab == nil {
			return errorBadarg
		}
		return res(term.True, tab.SetHeir(p, heir, a("y")))
	}
	got := []term.Term{
		rename(self, named("foo"), "bar"),
		info(named("bar"), "name"),
		info(named("foo"), "name"),
		rename(self, named("bar"), "baz"),
		rename(self, named("bar"), "bar"),
		rename(self, un, "un2"),
		info(un, "name"),
		info(named("un2"), "name"),
		rename(self, un, "baz"),
		info(un, "name"),
		rename(other, named("bar"), "qux"),
		rename(other, named("qux"), "bar"),
		rename(other, named("baz"), "zzz"),
		giveAway(other, named("bar"), self),
		setHeir(other, named("bar"), self),
		giveAway(self, named("bar"), self),
		giveAway(self, named("bar"), dead),
		setHeir(self, named("bar"), self),
		info(named("bar"), "heir"),
		setHeir(self, named("bar"), other),
		info(named("bar"), "heir"),
		setHeir(self, named("bar"), dead),
		info(named("bar"), "heir"),
		setHeir(self, named("bar"), nil),
		info(named("bar"), "heir"),
		giveAway(self, named("bar"), other),
		info(named("bar"), "owner"),
		giveAway(self, named("bar"), other),
		rename(self, named("bar"), "zz"),
		func() term.Term {
			if tab := named("bar"); tab != nil {
				return res(term.True, tab.Insert(self, tu(i(1))))
			}
			return errorBadarg
		}(),
		info(named("nosuch"), "size"),
		info(named("nosuch"), "size"),
	}
	out := erltest.RunEscript(t, otpSuiteOwnershipScript, nil)
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) != len(got) {
		t.Fatalf("escript printed %d results for %d calls:\n%s", len(lines), len(got), out)
	}
	for k, line := range lines {
		want, err := term.Parse(line)
		if err != nil {
			t.Fatalf("call %d: OTP result %q: %v", k, line, err)
		}
		if !term.ExactEqual(got[k], want) {
			t.Errorf("call %d: engine %s, OTP %s", k+1, term.Format(got[k]), term.Format(want))
		}
	}
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"select_fail_whitebox", selectFailWhitebox()},
		otpSuiteCase{"t_insert_new", insertNewSequence()})
}

// selectFailWhitebox is select_fail_do on every type (a body calling an
// unknown function is badarg even when nothing matches), whitebox_2
// (select_delete with objects too short for key position 2) and
// select_bound_chunk.
func selectFailWhitebox() []string {
	var ops []string
	for _, tab := range []string{"set", "ordered_set", "bag", "duplicate_bag"} {
		ops = append(ops, "{insert, "+tab+", {a,a}}",
			"{select, "+tab+", [{{a,'_'},[],[{snuffla}]}]}",
			"{select, "+tab+", [{{b,'_'},[],[{snuffla}]}]}",
			"{select_count, "+tab+", [{{b,'_'},[],[{snuffla}]}]}",
			"{select_delete, "+tab+", [{{b,'_'},[],[{snuffla}]}]}",
			"{insert, "+tab+", {key, 1}}",
			"{select_chunk_sizes, "+tab+", [{{key,1},[],['$_']}], 100000}",
			"{select_chunks, "+tab+", [{{key,1},[],['$_']}], 100000}")
	}
	for _, tab := range []string{"kp2_set", "kp2_ordered_set"} {
		ops = append(ops, "{select_delete, "+tab+", [{{hej},[],[true]}]}",
			"{select_delete, "+tab+", [{{hej,hopp},[],[true]}]}")
	}
	return ops
}

// insertNewSequence is t_insert_new on 10 objects {N, "N"} of each type.
func insertNewSequence() []string {
	var ops []string
	for _, tab := range []string{"set", "ordered_set", "bag", "duplicate_bag"} {
		var objs []string
		for n := int64(1); n <= 10; n++ {
			s := term.Format(i(n))
			objs = append(objs, "{"+s+", \""+s+"\"}")
		}
		ops = append(ops, "{insert, "+tab+", ["+strings.Join(objs, ",")+"]}")
		for _, x := range []string{
			`{2,"2"}`, `{2002,"2002"}`, `{2002,"2002"}`, `[{2002,"2002"}]`, `[{2002,"2002"},{2003,"2003"}]`,
			`[{2001,"2001"},{2002,"2002"},{2003,"2003"}]`, `[{2001,"2001"},{2002,"2002"}]`, `[{2001,"2001"},{2003,"2003"}]`,
			`{2001,"2001"}`, `{2002,"2002"}`, `{2003,"2003"}`, `{2004,"2004"}`, `{2000,"2000"}`,
			`[{2005,"2005"},{2006,"2006"},{2007,"2007"}]`,
		} {
			ops = append(ops, "{insert_new, "+tab+", "+x+"}")
		}
		ops = append(ops, "{insert, "+tab+", {2004,\"2004-2\"}}", "{insert_new, "+tab+", {2004,\"2004-3\"}}",
			"{insert, "+tab+", {2004,\"2004\"}}", "{insert_new, "+tab+", {2004,\"2004\"}}",
			"{info, "+tab+", size}", "{tab2list, "+tab+"}")
	}
	return ops
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"t_select_delete_strings", selectDeleteStrings()})
}

// selectDeleteStrings is the string-key part of t_select_delete on 400
// objects {"N", N} per type (partly bound list keys, clauses returning
// false, multi-clause specifications), and t_select_reverse's chunks.
func selectDeleteStrings() []string {
	var ops []string
	multi := "[{{[51,'_','_'],'_'},[],[true]},{{[49,'_','_'],'_'},[],[true]}]"
	for _, tab := range []string{"set", "ordered_set", "bag", "duplicate_bag"} {
		var objs []string
		for n := int64(1); n <= 400; n++ {
			s := term.Format(i(n))
			objs = append(objs, "{\""+s+"\", "+s+"}")
		}
		ops = append(ops, "{insert, "+tab+", ["+strings.Join(objs, ",")+"]}",
			"{select_count, "+tab+", [{{[51 | '$1'], '_'},[{'==',{length, '$1'},2}],[true]}]}",
			"{select_delete, "+tab+", [{{[51 | '$1'], '_'},[{'==',{length, '$1'},2}],[true]}]}",
			"{select_count, "+tab+", [{{\"7\",'_'},[],[false]},{{['_'], '_'},[],[true]}]}",
			"{select_delete, "+tab+", [{{\"7\",'_'},[],[false]},{{['_'], '_'},[],[true]}]}",
			"{select, "+tab+", "+multi+"}",
			"{select_count, "+tab+", "+multi+"}",
			"{select_chunk_sizes, "+tab+", "+multi+", 1000}",
			"{select_reverse, "+tab+", "+multi+"}",
			"{select_reverse_chunks, "+tab+", [{{'$1','$2'},[{'>',{'rem','$2',5},2}],['$_']}], 3}",
			"{select_reverse, "+tab+", [{{'$1','$2'},[{'>',{'rem','$2',5},2}],['$_']}]}",
			"{match_object, "+tab+", {[50,'_'],'_'}}",
			"{match, "+tab+", {[50|'$1'],'$2'}}",
			"{match_delete, "+tab+", {[50|'_'],'_'}}",
			"{select_delete, "+tab+", "+multi+"}",
			"{select_count, "+tab+", "+multi+"}",
			"{info, "+tab+", size}")
	}
	return ops
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"numeric_keys", []string{
		"{insert, set, [{0.0, pos}, {-0.0, neg}, {0, int}]}",
		"{lookup, set, 0.0}",
		"{lookup, set, -0.0}",
		"{info, set, size}",
		"{insert, ordered_set, [{0.0, pos}, {-0.0, neg}, {0, int}]}",
		"{lookup, ordered_set, -0.0}",
		"{tab2list, ordered_set}",
		"{insert, ordered_set, [{18446744073709551616, big}, {1.8446744073709552e19, float}]}",
		"{lookup, ordered_set, 18446744073709551616}",
		"{insert, set, [{18446744073709551616, big}, {1.8446744073709552e19, float}]}",
		"{lookup, set, 18446744073709551616}",
		"{lookup, set, 1.8446744073709552e19}",
		"{insert, ordered_set, [{9007199254740993, i}, {9007199254740992.0, f}]}",
		"{lookup, ordered_set, 9007199254740993}",
		"{lookup, ordered_set, 9007199254740992}",
		"{next, ordered_set, 9007199254740992}",
		"{prev, ordered_set, 9007199254740993}",
		"{select, ordered_set, [{{'$1','_'},[{'==','$1',9007199254740992}],['$_']}]}",
		"{match_object, ordered_set, {9007199254740992, '_'}}",
		"{match_object, set, {18446744073709551616, '_'}}",
		"{delete_object, ordered_set, {9007199254740992, f}}",
		"{delete_object, ordered_set, {9007199254740992.0, f}}",
		"{tab2list, ordered_set}",
	}})
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"t_match_spec_run", matchSpecRun()})
}

// matchSpecRun is t_match_spec_run's several-clause specification N_MS,
// in its order and reversed, selected from a bag holding N_List, for a
// variety of terms.
func matchSpecRun() []string {
	terms := []string{"a", "17", `"str"`, "1.5", "{t,1}", "[a|b]", `<<"b">>`, "18446744073709551616", "[]", "{}"}
	var ops []string
	for _, x := range terms {
		list := []string{
			"{X, \"0\", \"v-element\"}", "{\"=hidden_node\", \"0\", X}", "{\"0\", X, X}",
			"{\"something\", X, \"something else\"}", "{\"guard and res\", X, 872346}",
			"{X, {'and',X,'again'}, 3.14}", "{X, {'and',X,'again'}, \"m&g\"}", "{X, {'and',X,'again'}, \"m&g&r\"}",
			"{[{second,X}, 'and', \"tail\"], X, ['and',\"tail\"]}",
		}
		clauses := []string{
			"{{'$1','$2','$3'}, [{'=:=','$1',{const,X}}, {'=:=','$2',{const,\"0\"}}], [{{\"Guard only for $1\",'$3'}}]}",
			"{{'$3','$1','$4'}, [{'=:=','$3',\"=hidden_node\"}, {'=:=','$1',{const,\"0\"}}], [{{\"Result only for $4\",'$4'}}]}",
			"{{'$2','$1','$1'}, [{'=:=','$2',{const,\"0\"}}], [{{\"Match only for $1\",'$2'}}]}",
			"{{'$2',X,['$3'|'_']}, [{is_list,'$2'},{'=:=','$3',115}], [{{\"Matching term\",'$2'}}]}",
			"{{'$1','$2',872346}, [{'=:=','$2',{const,X}}, {is_list,'$1'}], [{{\"Guard and result\",'$2'}}]}",
			"{{'$1', {'and','$1','again'}, '$2'}, [{is_float,'$2'}], [{{\"Match and result\",'$1'}}]}",
			"{{'$1', {'and','$1','again'}, '$2'}, [{'=:=','$1',{const,X}}, {'=:=', '$2', \"m&g\"}], [{{\"Match and guard\",'$2'}}]}",
			"{{'$1', {'and','$1','again'}, \"m&g&r\"}, [{'=:=','$1',{const,X}}], [{{\"Match, guard and result\",'$1'}}]}",
			"{{'$1', '$2', '$3'}, [{'=:=','$1',[{{second,'$2'}} | '$3']}], [{{\"Building guard\"}}]}",
		}
		sub := func(s string) string { return strings.ReplaceAll(s, "X", x) }
		var objs, ms, rev []string
		for _, o := range list {
			objs = append(objs, sub(o))
		}
		for k, c := range clauses {
			ms = append(ms, sub(c))
			rev = append(rev, sub(clauses[len(clauses)-1-k]))
		}
		ops = append(ops, "{insert, duplicate_bag, ["+strings.Join(objs, ", ")+"]}",
			"{select, duplicate_bag, ["+strings.Join(ms, ", ")+"]}",
			"{select, duplicate_bag, ["+strings.Join(rev, ", ")+"]}",
			"{select_count, duplicate_bag, ["+strings.Join(ms, ", ")+"]}",
			"{delete_all_objects, duplicate_bag}")
	}
	return ops
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"lookup_order_bags", []string{
		"{insert, bag, {k,1}}", "{insert, bag, {k,2}}", "{insert, bag, {k,3}}",
		"{insert, bag, {k,1}}",
		"{lookup, bag, k}",
		"{insert, bag, {k,1.0}}",
		"{lookup, bag, k}",
		"{delete_object, bag, {k,2}}",
		"{insert, bag, {k,2}}",
		"{lookup, bag, k}",
		"{lookup_element, bag, k, 2}",
		"{match_object, bag, {k,'_'}}",
		"{select, bag, [{{k,'$1'},[],['$1']}]}",
		"{take, bag, k}",
		"{insert, duplicate_bag, {k,1}}", "{insert, duplicate_bag, {k,2}}", "{insert, duplicate_bag, {k,1}}",
		"{insert, duplicate_bag, {k,3}}", "{insert, duplicate_bag, {k,1}}",
		"{lookup, duplicate_bag, k}",
		"{delete_object, duplicate_bag, {k,1}}",
		"{lookup, duplicate_bag, k}",
		"{insert, duplicate_bag, {k,1}}",
		"{lookup, duplicate_bag, k}",
		"{match_delete, duplicate_bag, {k,2}}",
		"{lookup, duplicate_bag, k}",
		"{select_delete, duplicate_bag, [{{k,3},[],[true]}]}",
		"{lookup, duplicate_bag, k}",
		"{lookup_element, duplicate_bag, k, 2}",
	}})
}

func init() {
	otpSuiteCases = append(otpSuiteCases, otpSuiteCase{"t_bucket_disappears", []string{
		"{insert, kp2_ordered_set, [{abcd,1,2},{abcd,2,2},{abcd,3,2}]}",
		"{select_delete_between, kp2_ordered_set, [{{'_','$1','_'},[{'<','$1',{const,10}}],['$1']}], 1, 2}",
		"{tab2list, kp2_ordered_set}",
		"{insert, kp2_ordered_set, [{abcd,1,2},{abcd,2,2},{abcd,3,2}]}",
		"{select_delete_between, kp2_ordered_set, [{{'_','$1','_'},[{'<','$1',{const,10}}],['$1']}], 1, 1}",
		"{select_delete_between, kp2_ordered_set, [{{'_','$1','_'},[],['$1']}], 2, 3}",
		"{insert, ordered_set, [{K, K} || K <- lists:seq(1, 10)]}",
		"{select_delete_between, ordered_set, [{{'$1','_'},[],['$1']}], 3, 4}",
		"{select_delete_between, ordered_set, [{{'$1','_'},[],['$1']}], 3, 5}",
		"{select_delete_between, ordered_set, [{{'$1','_'},[],['$1']}], 3, 1}",
		"{select_delete_between, ordered_set, [{{'$1','_'},[],['$1']}], 100, 2}",
		"{tab2list, ordered_set}",
		"{insert, ordered_set, [{{a,N},N} || N <- [1,2,3,4,5]]}",
		"{select_delete_between, ordered_set, [{{{a,'$1'},'_'},[],['$1']}], 2, {a,3}}",
		"{select_delete_between, ordered_set, [{{{a,'$1'},'_'},[],['$1']}], 1, {a,2}}",
		"{insert, ordered_set, [{{a,N},N} || N <- [1,2,3,4,5]]}",
		"{select_delete_between, ordered_set, [{{{a,1},'$1'},[],['$1']},{{{a,2},'$1'},[],['$1']},{{{a,4},'$1'},[],['$1']}], 1, {a,2}}",
		"{select_delete_between, ordered_set, [{{{a,4},'$1'},[],['$1']},{{{a,4.0},'$1'},[],['$1']}], 1, {a,4}}",
		"{insert, ordered_set, [{{a,N},N} || N <- [1,2,3,4,5]]}",
		"{select_delete_between, ordered_set, [{{{a,'$1'},'_'},[{'>','$1',1}],['$1']}], 1, {a,3}}",
		"{insert, set, [{K, K} || K <- lists:seq(1, 10)]}",
		"{select_delete_between, set, [{{3,'_'},[],['$_']}], 1, 3}",
		"{insert, duplicate_bag, [{k,1},{j,2}]}",
		"{select_delete_between, duplicate_bag, [{{k,'_'},[],['$_']}], 1, k}",
	}})
}
