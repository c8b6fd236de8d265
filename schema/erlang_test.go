package schema

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/etsql/etsql/internal/erltest"
	"github.com/etsql/etsql/term"
)

// erlangText writes the integers, floats and tuples of date and timestamp
// terms in Erlang syntax.
func erlangText(t term.Term) string {
	if n, ok := t.Int64(); ok {
		return strconv.FormatInt(n, 10)
	}
	if f, ok := t.Float64(); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	parts := make([]string, t.Arity())
	for i, e := range t.Elements() {
		parts[i] = erlangText(e)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

const calendarScript = `
main(_) ->
    {ok, Tokens, _} = erl_scan:string(read_all([])),
    {ok, {Stamps, Dates}} = erl_parse:parse_term(Tokens),
    Sorted = [I || {_, I} <- lists:sort([{S, I} || {I, S} <- Stamps])],
    Seconds = [case S of
                   {_, {_, _, Sec}} when is_integer(Sec) -> calendar:datetime_to_gregorian_seconds(S);
                   _ -> none
               end || {_, S} <- Stamps],
    Valid = [calendar:valid_date(D) || D <- Dates],
    io:format("~w~n~w~n~w~n", [Sorted, Seconds, Valid]).

read_all(Acc) ->
    case io:get_chars('', 65536) of
        eof -> lists:flatten(lists:reverse(Acc));
        Chars -> read_all([Chars | Acc])
    end.
`

// TestCalendar_erlang checks against OTP that timestamps sort in time order
// as Erlang terms, that whole-second timestamps are calendar:datetime()
// values, and that date validity agrees with calendar:valid_date/1.
func TestCalendar_erlang(t *testing.T) {
	erltest.Require(t)
	r := rand.New(rand.NewPCG(7, 8))
	times := make([]time.Time, 300)
	stamps := make([]string, len(times))
	for i := range times {
		times[i] = randomTime(r)
		ts, _ := timestampTerm(times[i])
		stamps[i] = "{" + strconv.Itoa(i) + "," + erlangText(ts) + "}"
	}
	var dates []term.Term
	for range 300 {
		y := int64([]int{1900, 2000, 2023, 2024, 0, 9999}[r.IntN(6)])
		dates = append(dates, date(y, int64(r.IntN(14)), int64(r.IntN(33))))
	}
	dates = append(dates, date(1900, 2, 29), date(2000, 2, 29), date(2024, 2, 29), date(2023, 2, 29))
	dateTexts := make([]string, len(dates))
	for i, d := range dates {
		dateTexts[i] = erlangText(d)
	}
	input := "{[" + strings.Join(stamps, ",") + "],[" + strings.Join(dateTexts, ",") + "]}."
	lines := strings.Split(strings.TrimSpace(string(erltest.RunEscript(t, calendarScript, []byte(input)))), "\n")
	if len(lines) != 3 {
		t.Fatalf("unexpected escript output %q", lines)
	}

	order := make([]int, len(times))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return times[a].Compare(times[b]) })
	if got, want := lines[0], "["+joinInts(order)+"]"; got != want {
		t.Errorf("Erlang term order differs from time order:\n got %s\nwant %s", got, want)
	}

	seconds := make([]string, len(times))
	for i, tm := range times {
		seconds[i] = "none"
		if tm.Nanosecond() == 0 {
			seconds[i] = strconv.FormatInt(tm.Unix()+62167219200, 10)
		}
	}
	if got, want := lines[1], "["+strings.Join(seconds, ",")+"]"; got != want {
		t.Errorf("calendar:datetime_to_gregorian_seconds disagrees:\n got %s\nwant %s", got, want)
	}

	valid := make([]string, len(dates))
	for i, d := range dates {
		_, ok := dateOf(d)
		valid[i] = strconv.FormatBool(ok)
	}
	if got, want := lines[2], "["+strings.Join(valid, ",")+"]"; got != want {
		t.Errorf("calendar:valid_date disagrees:\n got %s\nwant %s", got, want)
	}
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}
