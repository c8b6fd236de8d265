package matchspec

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/etsql/etsql/term"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var printSpecs = []string{
	"[{{'$1','$2','$3','$4','_'},[{'>','$4',10.0},{'==','$3',7}],['$_']}]",
	"[{{'$1','_'},[{'>','$1',3}],['$_']}]",
	"[{'$1',[{is_atom,'$1'}],['$$']},{'_',[],[{const,{a,b}}]}]",
	"[{{[a|'$1'],#{k => '$2'}},[{'andalso',{is_list,'$1'},{'=:=','$2',1.0}}],[{{'$2',<<\"bin\">>,<<1,2>>,\"str\"}}]}]",
	"[{{-1,-0.0,1.0e100,123456789012345678901234567890,'Quoted atom','don\\'t'},[],[[]]}]",
	"[{{'$1'},[{'orelse',{'==','$1',a},{'not',{is_binary,'$1'}}}],[#{ok => '$1'}]}]",
	"[{{'_',<<\"#{x}\">>},[],[true]}]",
}

func TestMatchSpec_String_golden(t *testing.T) {
	var b strings.Builder
	for _, text := range printSpecs {
		ms, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%s): %v", text, err)
		}
		b.WriteString("erlang: " + ms.String() + "\n")
		b.WriteString("elixir: " + ms.Elixir() + "\n\n")
		again, err := Parse(ms.String())
		if err != nil {
			t.Fatalf("Parse(String()) of %s: %v", text, err)
		}
		if !term.ExactEqual(again.Term(), ms.Term()) {
			t.Errorf("String() does not read back: %s", ms.String())
		}
	}
	path := filepath.Join("testdata", "print.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("printed specifications differ from %s:\n%s", path, b.String())
	}
}
