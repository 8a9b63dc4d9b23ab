//! fillreturns: the checker's errors for a wrong number of return values, with a fix that
//! rewrites the `return` to match the function's results.

use hir::objects::ObjKind;
use hir::types::{Type, TypeId};
use hir::typestring::Qualifier;
use hir::world::PackageId;
use syntax::ast::{Decl, Expr, ExprId, Field, Stmt, StmtId};

use crate::walk::{Node, enclosing_path};
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "fillreturns",
    doc: "suggest fixes for errors due to an incorrect number of return values\n\n\
          Offers a quick fix on the compiler's \"not enough return values\" and \"too many \
          return values\" errors: each result of the function takes the first returned value \
          of a matching type, else a variable in scope whose name resembles the result's \
          type, else the type's zero value (`return` in `func m() (int, string, *bool, \
          error)` becomes `return 0, \"\", nil, nil`); values left over are kept at the end.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: true,
    run,
};

fn fixes_error(message: &str) -> bool {
    let message = message.trim();
    message.contains("not enough return values")
        || message.contains("too many return values")
        || message.starts_with("wrong number of return values")
}

fn run(pass: &mut Pass<'_>) {
    for error in pass.errors {
        if !fixes_error(&error.message) || error.file >= pass.files.len() {
            continue;
        }
        let file = error.file;
        let Some((ret, results)) = enclosing_return(pass, file, error.range) else {
            continue;
        };
        let Some(new_text) = filled_return(pass, file, ret, &results) else {
            continue;
        };
        let fix = Fix {
            message: "Fill in return values".to_string(),
            edits: vec![Edit {
                file,
                range: pass.ast(file).stmt_range(ret),
                new_text,
            }],
        };
        pass.report_with_fixes(file, error.range, error.message.clone(), vec![fix]);
    }
}

/// The `return` statement around `range` and the result fields of its function, unless the
/// function is generic (type parameters have no zero value to write) or has no results.
fn enclosing_return(
    pass: &Pass<'_>,
    file: usize,
    range: syntax::TextRange,
) -> Option<(StmtId, Vec<Field>)> {
    let ast = pass.ast(file);
    let path = enclosing_path(ast, range);
    let at = path
        .iter()
        .rposition(|&n| matches!(n, Node::Stmt(s) if matches!(ast.stmt(s), Stmt::Return(_))))?;
    let Node::Stmt(ret) = path[at] else {
        return None;
    };
    let results = path[..at].iter().rev().find_map(|&node| match node {
        Node::Decl(d) => match ast.decl(d) {
            Decl::Func(f) if f.type_params.is_empty() => Some(Some(f.sig.results.clone())),
            Decl::Func(_) => Some(None),
            Decl::Gen(_) => None,
        },
        Node::Expr(e) => match ast.expr(e) {
            Expr::FuncLit { sig, .. } => Some(Some(sig.results.clone())),
            _ => None,
        },
        Node::Stmt(_) => None,
    })??;
    (!results.is_empty()).then_some((ret, results))
}

/// The text of the fixed `return` statement.
fn filled_return(pass: &Pass<'_>, file: usize, ret: StmtId, results: &[Field]) -> Option<String> {
    let ast = pass.ast(file);
    let Stmt::Return(values) = ast.stmt(ret) else {
        return None;
    };
    // A call returning several values cannot be split up.
    let multi_valued = |&e: &ExprId| {
        matches!(ast.expr(e), Expr::Call { .. })
            && pass
                .type_of(file, e)
                .is_some_and(|t| pass.world.tuple_vars(t).len() > 1)
    };
    if values.iter().any(multi_valued) {
        return None;
    }
    // One type per result field, as written (`(a, b int)` is one).
    let want: Vec<TypeId> = results
        .iter()
        .map(|f| pass.type_of(file, f.ty))
        .collect::<Option<_>>()?;
    let start = ast.stmt_range(ret).start;
    let candidates = variables_in_scope(pass, file, start);
    let mut remaining: Vec<ExprId> = values.clone();
    let mut fixed: Vec<String> = Vec::new();
    for &ty in &want {
        // The leftmost value of a matching type, preferring one that is not a zero value.
        let mut found: Option<usize> = None;
        for (j, &v) in remaining.iter().enumerate() {
            let Some(vt) = pass.type_of(file, v) else {
                continue;
            };
            if !matching_types(pass, vt, ty) {
                continue;
            }
            found = Some(j);
            if !is_zero_expr(ast, v) {
                break;
            }
        }
        if let Some(j) = found {
            fixed.push(
                pass.text(file, ast.expr_range(remaining.remove(j)))
                    .to_string(),
            );
            continue;
        }
        // A variable whose type is one of the result types is offered for that result
        // only; others for every result they can be assigned to.
        let offered = |t: TypeId| {
            if want.iter().any(|&w| pass.world.identical(t, w)) {
                pass.world.identical(t, ty)
            } else {
                equivalent_types(pass, t, ty)
            }
        };
        let names: Vec<&str> = candidates
            .iter()
            .filter(|(_, t)| offered(*t))
            .map(|(n, _)| n.as_str())
            .collect();
        let pattern = pass.world.type_string_by_path(ty);
        match best_match(&pattern, &names) {
            Some(name) => fixed.push(name.to_string()),
            None => fixed.push(zero_value(pass, file, ty)?),
        }
    }
    fixed.extend(
        remaining
            .iter()
            .filter(|&&v| !is_zero_expr(ast, v))
            .map(|&v| pass.text(file, ast.expr_range(v)).to_string()),
    );
    Some(format!("return {}", fixed.join(", ")))
}

/// The variables (and constants, functions) declared before `at` in file `file` that are
/// visible there, with their types, in declaration order.
fn variables_in_scope(pass: &Pass<'_>, file: usize, at: u32) -> Vec<(String, TypeId)> {
    let world = pass.world;
    let Some(scope) = pass.info.innermost_scope(file as u32, at) else {
        return Vec::new();
    };
    let mut defs: Vec<(u32, hir::objects::ObjId)> = pass
        .info
        .defs
        .iter()
        .filter(|&(&(f, offset), _)| f == file as u32 && offset < at)
        .map(|(&(_, offset), &obj)| (offset, obj))
        .collect();
    defs.sort();
    let mut out: Vec<(String, TypeId)> = Vec::new();
    let mut seen = Vec::new();
    for (_, obj) in defs {
        let o = world.obj(obj);
        if &*o.name == "_" || o.is_type_name() || seen.contains(&obj) {
            continue;
        }
        seen.push(obj);
        if !world.is_valid(o.ty) || matches!(o.kind, ObjKind::PkgName { .. }) {
            continue;
        }
        if world.lookup_parent(scope, &o.name).map(|(_, found)| found) != Some(obj) {
            continue;
        }
        out.push((o.name.to_string(), o.ty));
    }
    out
}

/// Whether a returned value of type `value` can fill a result of type `result`.
fn matching_types(pass: &Pass<'_>, value: TypeId, result: TypeId) -> bool {
    let world = pass.world;
    if value == result || world.identical(value, result) {
        return true;
    }
    if let Some(same) = untyped_category_match(pass, value, result) {
        return same;
    }
    world.assignable_for_ranking(value, result) || convertible(pass, value, result)
}

/// Like [`matching_types`] without conversions: for variables in scope.
fn equivalent_types(pass: &Pass<'_>, value: TypeId, result: TypeId) -> bool {
    let world = pass.world;
    if world.identical(value, result) {
        return true;
    }
    if let Some(same) = untyped_category_match(pass, value, result) {
        return same;
    }
    world.assignable_for_ranking(value, result)
}

/// For an untyped constant's type against a basic result type: whether both are of the same
/// kind of constant (boolean, integer, float, complex, string).
fn untyped_category_match(pass: &Pass<'_>, value: TypeId, result: TypeId) -> Option<bool> {
    let world = pass.world;
    let value_kind = world.basic_kind(value).filter(|k| k.is_untyped())?;
    let result_kind = world.basic_kind(world.under(result))?;
    let category = |k: hir::types::BasicKind| {
        (
            k.is_boolean(),
            k.is_integer(),
            k.is_float(),
            k.is_complex(),
            k.is_string(),
        )
    };
    Some(category(value_kind) == category(result_kind))
}

/// A rough `types.ConvertibleTo`: identical underlying types, numbers to numbers, integers
/// and byte or rune slices to strings, pointers to identical underlying base types.
fn convertible(pass: &Pass<'_>, from: TypeId, to: TypeId) -> bool {
    let world = pass.world;
    let (fu, tu) = (world.under(from), world.under(to));
    if world.identical(fu, tu) {
        return true;
    }
    if world.is_numeric(fu) && world.is_numeric(tu) {
        return true;
    }
    if world.is_string(tu) && (world.is_integer(fu) || world.is_string(fu)) {
        return true;
    }
    match (world.ty(fu), world.ty(tu)) {
        (Type::Pointer(a), Type::Pointer(b)) => world.identical(world.under(*a), world.under(*b)),
        _ => false,
    }
}

/// Whether `e` is obviously a zero value: `0`, `""`, `nil` or `false`.
fn is_zero_expr(ast: &syntax::ast::File, e: ExprId) -> bool {
    match ast.expr(e) {
        Expr::BasicLit { value, .. } => &**value == "0" || &**value == "\"\"",
        Expr::Name(n) => matches!(n.as_str(), "nil" | "false"),
        _ => false,
    }
}

/// The zero value of `ty` as an expression written in file `file`; `None` for types without
/// one that can be written (invalid types, constraint interfaces).
fn zero_value(pass: &Pass<'_>, file: usize, ty: TypeId) -> Option<String> {
    let world = pass.world;
    let renamed = import_names(pass, file);
    let qualifier = Qualifier {
        local: Some(pass.package),
        ambiguous: &[],
        import_names: &renamed,
    };
    match world.ty(ty) {
        Type::Named(_) => match world.ty(world.under(ty)) {
            Type::Struct(_) | Type::Array { .. } => {
                Some(format!("{}{{}}", qualified_type(pass, file, ty, qualifier)))
            }
            _ => zero_value(pass, file, world.under(ty)),
        },
        Type::Alias(_) => match world.ty(world.under(ty)) {
            Type::Struct(_) | Type::Array { .. } => {
                Some(format!("{}{{}}", qualified_type(pass, file, ty, qualifier)))
            }
            _ => zero_value(pass, file, world.unalias(ty)),
        },
        Type::Basic { kind, .. } => {
            if kind.is_boolean() {
                Some("false".into())
            } else if kind.is_numeric() {
                Some("0".into())
            } else if kind.is_string() {
                Some("\"\"".into())
            } else if matches!(
                kind,
                hir::types::BasicKind::UnsafePointer | hir::types::BasicKind::UntypedNil
            ) {
                Some("nil".into())
            } else {
                None
            }
        }
        Type::Pointer(_) | Type::Slice(_) | Type::Chan { .. } | Type::Map { .. } => {
            Some("nil".into())
        }
        Type::Signature(_) => Some("nil".into()),
        Type::Interface(iface) => (!iface.has_terms && !iface.comparable).then(|| "nil".into()),
        Type::Array { .. } => Some(format!("{}{{}}", world.type_string(ty, qualifier))),
        Type::Struct(_) => {
            // gofmt writes a one-line struct type with spaces inside its braces.
            let written = world.type_string(ty, qualifier);
            let fields = written
                .strip_prefix("struct{")
                .and_then(|s| s.strip_suffix('}'))
                .unwrap_or("");
            Some(if fields.is_empty() {
                "struct{}{}".to_string()
            } else {
                format!("struct{{ {fields} }}{{}}")
            })
        }
        Type::TypeParam { obj, .. } => Some(format!("*new({})", world.obj(*obj).name)),
        Type::Tuple(_) | Type::Union(_) => None,
    }
}

/// A named type (or alias) as written in file `file`: unqualified when dot-imported.
fn qualified_type(pass: &Pass<'_>, file: usize, ty: TypeId, qualifier: Qualifier<'_>) -> String {
    let world = pass.world;
    let obj = match world.ty(ty) {
        Type::Named(named) => named.obj,
        Type::Alias(alias) => alias.obj,
        _ => return world.type_string(ty, qualifier),
    };
    let pkg = world.obj(obj).pkg;
    if pkg.is_some_and(|p| dot_imported(pass, file, p)) {
        let full = world.type_string(ty, qualifier);
        let prefix = world.package_prefix(pkg, qualifier);
        return full.strip_prefix(&prefix).unwrap_or(&full).to_string();
    }
    world.type_string(ty, qualifier)
}

/// The packages file `file` imports under another name than their own (`.` and `_` left out).
fn import_names(pass: &Pass<'_>, file: usize) -> Vec<(PackageId, Box<str>)> {
    let mut out = Vec::new();
    for spec in &pass.ast(file).imports {
        let Some(name) = &spec.name else { continue };
        if matches!(name.as_str(), "." | "_") {
            continue;
        }
        if let Some(obj) = pass.def_of(file, name)
            && let ObjKind::PkgName { imported } = pass.world.obj(obj).kind
        {
            out.push((imported, name.text.clone()));
        }
    }
    out
}

fn dot_imported(pass: &Pass<'_>, file: usize, pkg: PackageId) -> bool {
    let path = &pass.world.package(pkg).path;
    pass.ast(file).imports.iter().any(|spec| {
        spec.name.as_ref().is_some_and(|n| n.as_str() == ".")
            && spec.path.as_deref() == Some(&**path)
    })
}

/// The name most similar to `pattern` (a type's name), by a simple fuzzy match: the pattern's
/// letters in order in the name, or the name's in the pattern; `None` if none matches.
fn best_match<'n>(pattern: &str, names: &[&'n str]) -> Option<&'n str> {
    let mut best = None;
    let mut high = 0.0f32;
    for &name in names {
        let mut score = fuzzy_score(pattern, name);
        if score == 0.0 {
            score = fuzzy_score(name, pattern);
        }
        if score > high {
            high = score;
            best = Some(name);
        }
    }
    best
}

/// How well `pattern` matches `candidate`, case-insensitively: 0 unless its characters occur
/// in order, the first of them at the start of a word of the candidate (or of a run of the
/// pattern's first three characters, as gopls' fuzzy matcher allows); more for contiguous
/// runs, a match at the start, and a shorter candidate.
fn fuzzy_score(pattern: &str, candidate: &str) -> f32 {
    let original: Vec<char> = candidate.chars().collect();
    let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
    let candidate: Vec<char> = candidate.to_lowercase().chars().collect();
    if pattern.is_empty() || candidate.is_empty() || original.len() != candidate.len() {
        return 0.0;
    }
    let short = &pattern[..pattern.len().min(3)];
    let word_start = |j: usize| {
        j == 0
            || !original[j - 1].is_alphanumeric()
            || (original[j].is_uppercase() && original[j - 1].is_lowercase())
    };
    let Some(first) = (0..candidate.len()).find(|&j| {
        candidate[j] == pattern[0] && (word_start(j) || candidate[j..].starts_with(short))
    }) else {
        return 0.0;
    };
    let mut i = 1;
    let mut contiguous = 0usize;
    let mut previous = first;
    for (j, &c) in candidate.iter().enumerate().skip(first + 1) {
        if i < pattern.len() && c == pattern[i] {
            if previous + 1 == j {
                contiguous += 1;
            }
            previous = j;
            i += 1;
        }
    }
    if i < pattern.len() {
        return 0.0;
    }
    let coverage = pattern.len() as f32 / candidate.len() as f32;
    let runs = (contiguous + 1) as f32 / pattern.len() as f32;
    let start = if first == 0 { 1.0 } else { 0.5 };
    coverage + runs + start
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "fillreturns");
    }

    #[test]
    fn best_match_prefers_close_names() {
        assert_eq!(super::best_match("int", &["eint", "int"]), Some("int"));
        assert_eq!(super::best_match("error", &["err"]), Some("err"));
        assert_eq!(super::best_match("bool", &["t"]), None);
        assert_eq!(super::best_match("go/ast.Node", &["n"]), Some("n"));
        // The first letter does not match inside a word unless a run follows.
        assert_eq!(super::best_match("rb", &["crab"]), None);
    }
}
