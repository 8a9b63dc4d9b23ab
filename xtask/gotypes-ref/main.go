// Command gotypes-ref runs go/types over the units of the type checker's conformance suite
// and prints every error it reports, so that `cargo xtask conformance --reference` can score
// go/types with the same harness that scores go-analyzer's checker.
//
// It reads one JSON request per line from standard input:
//
//	{"unit": "check/decls2", "files": [["/abs/decls2a.go", "check/decls2/decls2a.go"], ...],
//	 "lang": "go1.17", "gotypesalias": "0", "fake_import_c": false}
//
// and writes one JSON line per error, {"unit", "file", "line", "col", "msg"}, with 1-based
// line and byte column, and {"unit", "crash"} when checking a unit panics. It configures the
// checker as go/types' own harness (go/types/check_test.go) does: the files are parsed with
// parser.AllErrors and parse errors count, the assert and trace built-ins are predeclared,
// -lang sets Config.GoVersion, -fakeImportC sets Config.FakeImportC and -gotypesalias sets
// GODEBUG. Imports are checked from source (importer.ForCompiler(fset, "source", nil)); run
// it with CGO_ENABLED=0 so that packages are selected for pure Go, as go-analyzer does.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
)

type request struct {
	Unit         string      `json:"unit"`
	Files        [][2]string `json:"files"`
	Lang         *string     `json:"lang"`
	Gotypesalias *string     `json:"gotypesalias"`
	FakeImportC  bool        `json:"fake_import_c"`
}

type reported struct {
	Unit  string `json:"unit"`
	File  string `json:"file"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
	Msg   string `json:"msg"`
	Crash string `json:"crash,omitempty"`
}

func main() {
	types.DefPredeclaredTestFuncs()
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	out := json.NewEncoder(os.Stdout)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintln(os.Stderr, "gotypes-ref:", err)
			os.Exit(2)
		}
		for _, r := range check(fset, imp, &req) {
			if err := out.Encode(r); err != nil {
				fmt.Fprintln(os.Stderr, "gotypes-ref:", err)
				os.Exit(2)
			}
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "gotypes-ref:", err)
		os.Exit(2)
	}
}

func check(fset *token.FileSet, imp types.Importer, req *request) (list []reported) {
	add := func(pos token.Position, msg string) {
		list = append(list, reported{Unit: req.Unit, File: pos.Filename, Line: pos.Line, Col: pos.Column, Msg: msg})
	}
	defer func() {
		if p := recover(); p != nil {
			list = append(list, reported{Unit: req.Unit, Crash: fmt.Sprint(p)})
		}
	}()

	var files []*ast.File
	for _, f := range req.Files {
		src, err := os.ReadFile(f[0])
		if err != nil {
			panic(err)
		}
		file, err := parser.ParseFile(fset, f[1], src, parser.AllErrors)
		if file == nil {
			panic(err)
		}
		files = append(files, file)
		if list, ok := err.(scanner.ErrorList); ok {
			for _, e := range list {
				add(e.Pos, e.Msg)
			}
		} else if err != nil {
			add(token.Position{}, err.Error())
		}
	}

	if req.Gotypesalias != nil {
		old, had := os.LookupEnv("GODEBUG")
		os.Setenv("GODEBUG", "gotypesalias="+*req.Gotypesalias)
		defer func() {
			if had {
				os.Setenv("GODEBUG", old)
			} else {
				os.Unsetenv("GODEBUG")
			}
		}()
	}
	conf := types.Config{
		Importer:    imp,
		FakeImportC: req.FakeImportC,
		Error: func(err error) {
			if e, ok := err.(types.Error); ok {
				add(fset.Position(e.Pos), e.Msg)
			}
		},
	}
	if req.Lang != nil {
		conf.GoVersion = *req.Lang
	}
	pkgName := "<no package>"
	if len(files) > 0 {
		pkgName = files[0].Name.Name
	}
	// All of Info's maps, as the harness provides them, so that recording is exercised too.
	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	conf.Check(pkgName, fset, files, info)
	return list
}
