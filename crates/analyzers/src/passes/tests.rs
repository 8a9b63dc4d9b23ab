//! tests: malformed Test, Benchmark, Fuzz and Example functions in `_test.go` files.

use hir::types::{Type, TypeId, ids};
use syntax::TextRange;
use syntax::ast::{Decl, Expr, ExprId, File, FuncDecl};

use crate::util::{comment_groups, is_named};
use crate::walk::{Node, preorder_from};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "tests",
    doc: "check for common mistaken usages of tests and examples\n\n\
          In _test.go files, Test, Benchmark and Fuzz functions must take one *testing.T, \
          *testing.B or *testing.F, and the letter after the prefix must not be lower case. \
          Examples must be niladic, name an identifier (and method) that exists, and keep \
          their output comment last. Fuzz targets must take a *testing.T and fuzzable types, \
          and f.Add must be called with the fuzz target's types.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// The types a fuzz target may take after its `*testing.T`, as `go test` lists them.
const FUZZ_TYPES: &str = "string, bool, float32, float64, int, int8, int16, int32, int64, \
                          uint, uint8, uint16, uint32, uint64, []byte";

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        if !pass.is_test_file(file) {
            continue;
        }
        let ast = pass.ast(file);
        let text: &str = &pass.files[file].text;
        // Each comment group's range, and whether it is an output comment.
        let groups: Vec<(TextRange, bool)> = comment_groups(text)
            .into_iter()
            .filter_map(|g| {
                let range = g.first()?.cover(*g.last()?);
                Some((range, is_output_group(text, &g)))
            })
            .collect();
        for &d in &ast.decls {
            let Decl::Func(fd) = ast.decl(d) else {
                continue;
            };
            if fd.recv.is_some() {
                continue;
            }
            let name = fd.name.as_str();
            if name.starts_with("Example") {
                check_example_name(pass, file, fd);
                check_example_output(pass, file, fd, &groups);
            } else if name.starts_with("Test") {
                check_test(pass, file, fd, "Test");
            } else if name.starts_with("Benchmark") {
                check_test(pass, file, fd, "Benchmark");
            } else if name.starts_with("Fuzz") {
                check_test(pass, file, fd, "Fuzz");
                check_fuzz(pass, file, d);
            }
        }
    }
}

/// go vet reports these at the `func` keyword.
fn func_keyword(fd: &FuncDecl) -> TextRange {
    TextRange::new(fd.range.start, fd.range.start + 4)
}

fn check_test(pass: &mut Pass<'_>, file: usize, fd: &FuncDecl, prefix: &str) {
    // Only functions shaped like tests: one parameter that looks like *testing.T (or B, F),
    // no results.
    let [param] = fd.sig.params.as_slice() else {
        return;
    };
    if !fd.sig.results.is_empty() || param.names.len() > 1 {
        return;
    }
    if !looks_like_testing_param(pass.ast(file), param.ty, &prefix[..1]) {
        return;
    }
    let name = fd.name.as_str();
    if let (Some(first), Some(last)) = (fd.type_params.first(), fd.type_params.last()) {
        let range = brackets(pass.files[file].text.as_ref(), first.range, last.range);
        pass.report(
            file,
            range,
            format!(
                "{name} has type parameters: it will not be run by go test as a {prefix}XXX function"
            ),
        );
    }
    let suffix = &name[prefix.len()..];
    if suffix.chars().next().is_some_and(char::is_lowercase) {
        pass.report(
            file,
            fd.name.range,
            format!(
                "{name} has malformed name: first letter after '{prefix}' must not be lowercase"
            ),
        );
    }
}

/// `*T` or `*pkg.T` where T is `want`: `go test` looks at the syntax only.
fn looks_like_testing_param(ast: &File, ty: ExprId, want: &str) -> bool {
    let Expr::Star(x) = ast.expr(ty) else {
        return false;
    };
    match ast.expr(*x) {
        Expr::Name(n) => n.as_str() == want,
        Expr::Selector { sel, .. } => sel.as_str() == want,
        _ => false,
    }
}

/// The range from the `[` before `first` to the `]` after `last`.
fn brackets(text: &str, first: TextRange, last: TextRange) -> TextRange {
    let start = text
        .get(..first.start as usize)
        .and_then(|t| t.rfind('['))
        .map_or(first.start, |i| i as u32);
    let end = text
        .get(last.end as usize..)
        .and_then(|t| t.find(']'))
        .map_or(last.end, |i| last.end + i as u32 + 1);
    TextRange::new(start, end)
}

fn check_example_name(pass: &mut Pass<'_>, file: usize, fd: &FuncDecl) {
    let name = fd.name.as_str();
    let at = func_keyword(fd);
    if !fd.sig.params.is_empty() {
        pass.report(file, at, format!("{name} should be niladic"));
    }
    if !fd.sig.results.is_empty() {
        pass.report(file, at, format!("{name} should return nothing"));
    }
    if !fd.type_params.is_empty() {
        pass.report(file, at, format!("{name} should not have type params"));
    }
    if name == "Example" {
        return;
    }
    let ex_name = &name["Example".len()..];
    let elems: Vec<&str> = ex_name.splitn(3, '_').collect();
    let ident = elems[0];
    let objs = lookup(pass, ident);
    if !ident.is_empty() && objs.is_empty() {
        pass.report(
            file,
            at,
            format!("{name} refers to unknown identifier: {ident}"),
        );
        return;
    }
    if elems.len() < 2 {
        return;
    }
    if ident.is_empty() {
        // Example_suffix
        let residual = &ex_name[1..];
        if !is_example_suffix(residual) {
            pass.report(
                file,
                at,
                format!("{name} has malformed example suffix: {residual}"),
            );
        }
        return;
    }
    let member = elems[1];
    if !is_example_suffix(member) {
        // ExampleT_Method: the method (or field) must exist.
        let world = pass.world;
        let found = objs.iter().any(|&obj| {
            let o = world.obj(obj);
            world
                .lookup_field_or_method(o.ty, true, o.pkg, member)
                .obj
                .is_some()
        });
        if !found {
            pass.report(
                file,
                at,
                format!("{name} refers to unknown field or method: {ident}.{member}"),
            );
        }
    }
    if let Some(suffix) = elems.get(2)
        && !is_example_suffix(suffix)
    {
        pass.report(
            file,
            at,
            format!("{name} has malformed example suffix: {suffix}"),
        );
    }
}

fn is_example_suffix(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// The package-level objects named `name`: the package's own, or else those of every package
/// it imports (which package an example documents is not known, so any will do).
fn lookup(pass: &Pass<'_>, name: &str) -> Vec<hir::objects::ObjId> {
    let world = pass.world;
    let pkg = world.package(pass.package);
    if let Some(obj) = world.lookup_local(pkg.scope, name) {
        return vec![obj];
    }
    pkg.imports
        .iter()
        .filter_map(|&imp| world.lookup_local(world.package(imp).scope, name))
        .collect()
}

/// An output comment (`// Output:`) must be an example's last comment.
fn check_example_output(
    pass: &mut Pass<'_>,
    file: usize,
    fd: &FuncDecl,
    file_groups: &[(TextRange, bool)],
) {
    let groups: Vec<(TextRange, bool)> = file_groups
        .iter()
        .copied()
        .skip_while(|(r, _)| r.start < fd.range.start)
        .take_while(|(r, _)| r.end <= fd.range.end)
        .collect();
    let outputs = groups.iter().filter(|(_, out)| *out).count();
    let message = if outputs > 1 {
        "there can only be one output comment block per example"
    } else {
        "output comment block must be the last comment block"
    };
    let Some((_, init)) = groups.split_last() else {
        return;
    };
    for (range, _) in init.iter().filter(|(_, out)| *out) {
        pass.report(file, TextRange::new(range.start, range.start + 2), message);
    }
}

/// Whether a comment group's text (go/ast's `CommentGroup.Text`: markers and directives
/// stripped) begins with `Output:` or `Unordered output:`, in any case.
fn is_output_group(text: &str, group: &[TextRange]) -> bool {
    let mut body = String::new();
    for c in group {
        let comment = text.get(c.as_usize()).unwrap_or("");
        if let Some(line) = comment.strip_prefix("//") {
            if is_directive(line) {
                continue;
            }
            body.push_str(line);
            body.push('\n');
        } else {
            let inner = comment
                .strip_prefix("/*")
                .map(|c| c.strip_suffix("*/").unwrap_or(c))
                .unwrap_or(comment);
            body.push_str(inner);
            body.push('\n');
        }
    }
    let body = body.trim_start().to_lowercase();
    body.starts_with("output:") || body.starts_with("unordered output:")
}

/// go/ast's directive comments (`//go:noinline`, `//line`, `//export`, ...), which
/// `CommentGroup.Text` leaves out.
fn is_directive(line: &str) -> bool {
    if line.starts_with("line ") || line.starts_with("extern ") || line.starts_with("export ") {
        return true;
    }
    // `[a-z0-9]+:[a-z0-9]`, the rest anything.
    let Some(colon) = line.find(':').filter(|&c| c > 0 && c + 1 < line.len()) else {
        return false;
    };
    line.as_bytes()[..=colon + 1]
        .iter()
        .enumerate()
        .all(|(i, b)| i == colon || b.is_ascii_lowercase() || b.is_ascii_digit())
}

// ---- fuzz targets ----

/// A valid fuzz target: its parameter types, `*testing.T` first.
struct Target {
    params: Vec<TypeId>,
}

fn check_fuzz(pass: &mut Pass<'_>, file: usize, decl: syntax::ast::DeclId) {
    if let Some(target) = check_fuzz_calls(pass, file, decl) {
        check_add_calls(pass, file, decl, &target);
    }
}

/// Whether `call` is `f.<name>(...)` with `f` a `*testing.F` (any method if `name` is empty).
fn is_f_method(pass: &Pass<'_>, file: usize, call: ExprId, name: &str) -> bool {
    let ast = pass.ast(file);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return false;
    };
    let Expr::Selector { x, sel } = ast.expr(*fun) else {
        return false;
    };
    let is_f = pass
        .type_of(file, *x)
        .is_some_and(|t| is_testing_ptr(pass, t, "F"));
    is_f && (name.is_empty() || sel.as_str() == name)
}

/// Whether `t` is `*testing.<name>` (not through an alias of the pointer, as go vet).
fn is_testing_ptr(pass: &Pass<'_>, t: TypeId, name: &str) -> bool {
    match pass.world.ty(t) {
        Type::Pointer(elem) => is_named(pass.world, *elem, "testing", name),
        _ => false,
    }
}

/// Checks every `f.Fuzz(target)` of the function; returns the first valid target.
fn check_fuzz_calls(pass: &mut Pass<'_>, file: usize, decl: syntax::ast::DeclId) -> Option<Target> {
    let ast = pass.ast(file);
    let mut calls = Vec::new();
    preorder_from(ast, Node::Decl(decl), &mut |node, _| {
        let Node::Expr(e) = node else { return true };
        if !is_f_method(pass, file, e, "Fuzz") {
            return true;
        }
        calls.push(e);
        // Calls of f.Fuzz inside a target are not allowed anyway.
        false
    });
    let mut found = None;
    for call in calls {
        let Expr::Call { args, .. } = ast.expr(call) else {
            continue;
        };
        let [arg] = args.as_slice() else {
            continue;
        };
        let Some(ty) = pass.type_of(file, *arg) else {
            continue;
        };
        let range = ast.expr_range(*arg);
        let Some((params, results, _)) = crate::util::signature_types(pass.world, ty) else {
            pass.report(file, range, "argument to Fuzz must be a function");
            continue;
        };
        if !results.is_empty() {
            pass.report(file, range, "fuzz target must not return any value");
        }
        if params.is_empty() {
            pass.report(file, range, "fuzz target must have 1 or more argument");
            continue;
        }
        if validate_fuzz_args(pass, file, *arg, &params) && found.is_none() {
            found = Some(Target { params });
        }
        // The target may call only f.Name and f.Failed of the *testing.F.
        let mut bad = Vec::new();
        preorder_from(ast, Node::Expr(*arg), &mut |node, _| {
            if let Node::Expr(e) = node
                && is_f_method(pass, file, e, "")
                && !is_f_method(pass, file, e, "Name")
                && !is_f_method(pass, file, e, "Failed")
            {
                bad.push(e);
            }
            true
        });
        for e in bad {
            pass.report(
                file,
                ast.expr_range(e),
                "fuzz target must not call any *F methods",
            );
        }
    }
    found
}

/// Checks a fuzz target's parameter types, reporting on the parameter's type when the target
/// is a literal, else on the target.
fn validate_fuzz_args(pass: &mut Pass<'_>, file: usize, target: ExprId, params: &[TypeId]) -> bool {
    let ast = pass.ast(file);
    let lit_params = match ast.expr(target) {
        Expr::FuncLit { sig, .. } => Some(&sig.params),
        _ => None,
    };
    // One range carried from report to report, as go vet does.
    let mut range = ast.expr_range(target);
    let mut ok = true;
    if !is_testing_ptr(pass, params[0], "T") {
        if let Some(first) = lit_params.and_then(|p| p.first()) {
            range = ast.expr_range(first.ty);
        }
        pass.report(
            file,
            range,
            "the first parameter of a fuzz target must be *testing.T",
        );
        ok = false;
    }
    for (i, &param) in params.iter().enumerate().skip(1) {
        if is_fuzzable(pass, param) {
            continue;
        }
        if let Some(fields) = lit_params {
            let mut count = 0;
            for field in fields {
                count += field.names.len();
                if i < count {
                    range = ast.expr_range(field.ty);
                    break;
                }
            }
        }
        pass.report(
            file,
            range,
            format!("fuzzing arguments can only have the following types: {FUZZ_TYPES}"),
        );
        ok = false;
    }
    ok
}

fn is_fuzzable(pass: &Pass<'_>, t: TypeId) -> bool {
    let world = pass.world;
    let basics = [
        ids::STRING,
        ids::BOOL,
        ids::FLOAT32,
        ids::FLOAT64,
        ids::INT,
        ids::INT8,
        ids::INT16,
        ids::INT32,
        ids::INT64,
        ids::UINT,
        ids::UINT8,
        ids::UINT16,
        ids::UINT32,
        ids::UINT64,
    ];
    if basics.iter().any(|&b| world.identical(b, t)) {
        return true;
    }
    matches!(world.ty(world.unalias(t)), Type::Slice(elem) if world.identical(*elem, ids::UINT8))
}

/// Checks that every `f.Add(...)` passes values of the target's types (after its
/// `*testing.T`).
fn check_add_calls(pass: &mut Pass<'_>, file: usize, decl: syntax::ast::DeclId, target: &Target) {
    let ast = pass.ast(file);
    let mut calls = Vec::new();
    preorder_from(ast, Node::Decl(decl), &mut |node, _| {
        if let Node::Expr(e) = node
            && is_f_method(pass, file, e, "Add")
        {
            calls.push(e);
        }
        true
    });
    let world = pass.world;
    let want = &target.params[1..];
    let show = |t: TypeId| world.type_string_by_path(t);
    for call in calls {
        let Expr::Call { args, .. } = ast.expr(call) else {
            continue;
        };
        if args.len() != want.len() {
            pass.report(
                file,
                ast.expr_range(call),
                format!(
                    "wrong number of values in call to (*testing.F).Add: {}, fuzz target expects {}",
                    args.len(),
                    want.len()
                ),
            );
            continue;
        }
        let Some(got): Option<Vec<TypeId>> = args.iter().map(|&a| pass.type_of(file, a)).collect()
        else {
            continue;
        };
        let mismatched: Vec<usize> = (0..got.len())
            .filter(|&i| !world.identical(got[i], want[i]))
            .collect();
        match mismatched.as_slice() {
            [] => {}
            [i] => pass.report(
                file,
                ast.expr_range(args[*i]),
                format!(
                    "mismatched type in call to (*testing.F).Add: {}, fuzz target expects {}",
                    show(got[*i]),
                    show(want[*i])
                ),
            ),
            _ => {
                let list = |ts: &[TypeId]| {
                    let names: Vec<String> = ts.iter().map(|&t| show(t)).collect();
                    format!("[{}]", names.join(" "))
                };
                pass.report(
                    file,
                    ast.expr_range(call),
                    format!(
                        "mismatched types in call to (*testing.F).Add: {}, fuzz target expects {}",
                        list(&got),
                        list(want)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "tests");
    }
}
