// Command bench-gotypes type-checks every package of the standard library with go/types, the
// way `go-analyzer check std` does, so that `cargo xtask bench` compares type checking with
// type checking: no analyzers, no compilation, no export data.
//
// Like go-analyzer's check it runs on one goroutine, in one process with one shared cache:
// the packages of std (its vendored modules included, as `go list std` lists them) are
// checked in full, function bodies included, and, with -tests, so are their test variants
// (the package with its _test.go files) and external test packages (p_test); a package that
// has test files is first checked without function bodies for its importers, as go-analyzer
// does. A package is parsed once (ParseComments, as //go:build sets per-file
// versions), checked once per variant, and imported from that check. Each check records
// Types, Defs, Uses and Implicits in a types.Info, which is dropped after the package as
// go-analyzer drops its own. An external test package sees the test variant of p, and so
// does every package it imports that imports p, re-checked without bodies (as the go command
// builds "q [p.test]").
//
// Usage: bench-gotypes [-tests]   (packages: std, from $GOROOT/src without cmd)
//
// It prints the number of packages and of errors on stdout; errors are not expected in std.
package main

import (
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

type checker struct {
	ctx   build.Context
	fset  *token.FileSet
	sizes types.Sizes
	// Selected packages (import paths): checked in full.
	roots map[string]bool
	tests bool
	// Directory -> package, as go/build resolved it (vendored paths resolve to vendor/...).
	byDir map[string]*build.Package
	// (importing directory, import path) -> resolved package.
	resolved map[[2]string]*build.Package
	// Target -> import path -> whether the package imports target, directly or not.
	depends map[string]map[string]bool
	// Import path -> the package as importers see it (without tests).
	checked map[string]*types.Package
	parsed  map[string]*ast.File
	checks  int
	errors  int
	shown   int
}

func main() {
	tests := flag.Bool("tests", false, "check test files too")
	flag.Parse()
	// One goroutine does the work, as in go-analyzer's check; the runtime's own threads
	// (GC) still run beside it, as go-analyzer's allocator does its work inline.
	runtime.GOMAXPROCS(1)
	ctx := build.Default
	c := &checker{
		ctx:      ctx,
		fset:     token.NewFileSet(),
		sizes:    types.SizesFor("gc", ctx.GOARCH),
		roots:    map[string]bool{},
		tests:    *tests,
		byDir:    map[string]*build.Package{},
		resolved: map[[2]string]*build.Package{},
		depends:  map[string]map[string]bool{},
		checked:  map[string]*types.Package{},
		parsed:   map[string]*ast.File{},
	}
	roots, err := c.std()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-gotypes:", err)
		os.Exit(2)
	}
	for _, p := range roots {
		c.roots[p.ImportPath] = true
	}
	for _, p := range roots {
		c.plain(p)
	}
	if c.tests {
		for _, p := range roots {
			c.testVariants(p)
		}
	}
	fmt.Printf("%d packages, %d checks, %d errors\n", len(roots), c.checks, c.errors)
}

// std lists the packages of the standard library as `go list std` does: the directories
// below $GOROOT/src with Go files (its vendored modules included, as vendor/...), without the
// cmd tree, builtin, testdata directories and names starting with . or _.
func (c *checker) std() ([]*build.Package, error) {
	src := filepath.Join(c.ctx.GOROOT, "src")
	var out []*build.Package
	err := filepath.WalkDir(src, func(dir string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(src, dir)
		name := d.Name()
		if dir != src && (rel == "cmd" || name == "testdata" ||
			strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if dir == src || rel == "builtin" { // go list std leaves out builtin's documentation
			return nil
		}
		p, err := c.ctx.ImportDir(dir, 0)
		if err != nil {
			var noGo *build.NoGoError
			if errors.As(err, &noGo) {
				return nil
			}
			return err
		}
		p.ImportPath = filepath.ToSlash(rel)
		c.byDir[p.Dir] = p
		out = append(out, p)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].ImportPath < out[j].ImportPath })
	return out, err
}

// resolve finds the package that path names when imported from dir.
func (c *checker) resolve(path, dir string) (*build.Package, error) {
	key := [2]string{dir, path}
	if p, ok := c.resolved[key]; ok {
		return p, nil
	}
	p, err := c.resolveDir(path, dir)
	if err == nil {
		c.resolved[key] = p
	}
	return p, err
}

func (c *checker) resolveDir(path, dir string) (*build.Package, error) {
	p, err := c.ctx.Import(path, dir, build.FindOnly)
	if err != nil {
		return nil, err
	}
	if known, ok := c.byDir[p.Dir]; ok {
		return known, nil
	}
	full, err := c.ctx.ImportDir(p.Dir, 0)
	if err != nil {
		return nil, err
	}
	full.ImportPath = p.ImportPath
	c.byDir[full.Dir] = full
	return full, nil
}

// importer resolves imports to packages checked earlier, checking them on first use;
// overrides (the test variant of p and what depends on it) come first.
type importer struct {
	c         *checker
	overrides map[string]*types.Package
	// For an external test: re-check the packages that depend on p.
	xtestOf *build.Package
}

func (im *importer) Import(path string) (*types.Package, error) {
	return im.ImportFrom(path, "", 0)
}

func (im *importer) ImportFrom(path, dir string, _ types.ImportMode) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	p, err := im.c.resolve(path, dir)
	if err != nil {
		return nil, err
	}
	if im.overrides != nil {
		if pkg, ok := im.overrides[p.ImportPath]; ok {
			return pkg, nil
		}
		if im.xtestOf != nil && im.c.dependsOn(p, im.xtestOf.ImportPath) {
			files := im.c.parse(p.Dir, p.GoFiles, p.CgoFiles)
			pkg := im.c.check(p.ImportPath, files, false, im)
			im.overrides[p.ImportPath] = pkg
			return pkg, nil
		}
	}
	return im.c.plain(p), nil
}

// dependsOn reports whether q imports target, directly or not (without tests).
func (c *checker) dependsOn(q *build.Package, target string) bool {
	memo := c.depends[target]
	if memo == nil {
		memo = map[string]bool{}
		c.depends[target] = memo
	}
	if result, ok := memo[q.ImportPath]; ok {
		return result
	}
	memo[q.ImportPath] = false // imports have no cycles; this only stops a bad tree
	result := c.imports(q, target)
	memo[q.ImportPath] = result
	return result
}

func (c *checker) imports(q *build.Package, target string) bool {
	for _, path := range q.Imports {
		if path == "C" || path == "unsafe" {
			continue
		}
		dep, err := c.resolve(path, q.Dir)
		if err != nil {
			continue
		}
		if dep.ImportPath == target || c.dependsOn(dep, target) {
			return true
		}
	}
	return false
}

// plain checks p as its importers see it: in full when it is selected and has no test files
// to check with it, else without function bodies.
func (c *checker) plain(p *build.Package) *types.Package {
	if pkg, ok := c.checked[p.ImportPath]; ok {
		return pkg
	}
	full := c.roots[p.ImportPath] && !(c.tests && len(p.TestGoFiles) > 0)
	files := c.parse(p.Dir, p.GoFiles, p.CgoFiles)
	pkg := c.check(p.ImportPath, files, full, &importer{c: c})
	c.checked[p.ImportPath] = pkg
	return pkg
}

// testVariants checks p with its test files, and its external test package.
func (c *checker) testVariants(p *build.Package) {
	variant := c.checked[p.ImportPath]
	if len(p.TestGoFiles) > 0 {
		files := c.parse(p.Dir, p.GoFiles, p.CgoFiles, p.TestGoFiles)
		variant = c.check(p.ImportPath, files, true, &importer{c: c})
	}
	if len(p.XTestGoFiles) > 0 {
		im := &importer{
			c:         c,
			overrides: map[string]*types.Package{p.ImportPath: variant},
			xtestOf:   p,
		}
		files := c.parse(p.Dir, p.XTestGoFiles)
		c.check(p.ImportPath+"_test", files, true, im)
	}
}

func (c *checker) check(path string, files []*ast.File, full bool, im types.ImporterFrom) *types.Package {
	c.checks++
	info := &types.Info{
		Types:     map[ast.Expr]types.TypeAndValue{},
		Defs:      map[*ast.Ident]types.Object{},
		Uses:      map[*ast.Ident]types.Object{},
		Implicits: map[ast.Node]types.Object{},
	}
	conf := types.Config{
		Importer:         im,
		Sizes:            c.sizes,
		IgnoreFuncBodies: !full,
		FakeImportC:      true,
		Error: func(err error) {
			c.errors++
			if c.shown < 10 {
				c.shown++
				fmt.Fprintln(os.Stderr, err)
			}
		},
	}
	pkg, _ := conf.Check(path, c.fset, files, info)
	return pkg
}

// parse parses the named files of dir, each once.
func (c *checker) parse(dir string, lists ...[]string) []*ast.File {
	var out []*ast.File
	for _, names := range lists {
		for _, name := range names {
			path := filepath.Join(dir, name)
			if f, ok := c.parsed[path]; ok {
				out = append(out, f)
				continue
			}
			f, err := parser.ParseFile(c.fset, path, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				c.errors++
				fmt.Fprintln(os.Stderr, err)
			}
			if f != nil {
				c.parsed[path] = f
				out = append(out, f)
			}
		}
	}
	return out
}
