//! unusedresult: calls of side-effect-free functions (fmt.Sprintf, errors.New, ...) and of
//! String/Error methods used as statements, their result thrown away.

use hir::World;
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, ids};
use syntax::TextRange;
use syntax::ast::{Expr, ExprId, Stmt};

use crate::passes::printf::callee;
use crate::util::unparen;
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unusedresult",
    doc: "check for unused results of calls to some functions\n\n\
          Some functions, like fmt.Errorf, return a result and have no side effects, so \
          discarding the result is always a mistake; others return an error that must be \
          checked or a cleanup function that must be called. Calls of these (and of String \
          and Error methods) written as statements are reported.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// The package-level functions whose results must be used, as (package path, name).
const FUNCS: &[(&str, &str)] = &[
    ("context", "WithCancel"),
    ("context", "WithDeadline"),
    ("context", "WithTimeout"),
    ("context", "WithValue"),
    ("errors", "New"),
    ("fmt", "Append"),
    ("fmt", "Appendf"),
    ("fmt", "Appendln"),
    ("fmt", "Errorf"),
    ("fmt", "Sprint"),
    ("fmt", "Sprintf"),
    ("fmt", "Sprintln"),
    ("maps", "All"),
    ("maps", "Clone"),
    ("maps", "Collect"),
    ("maps", "Equal"),
    ("maps", "EqualFunc"),
    ("maps", "Keys"),
    ("maps", "Values"),
    ("slices", "All"),
    ("slices", "AppendSeq"),
    ("slices", "Backward"),
    ("slices", "BinarySearch"),
    ("slices", "BinarySearchFunc"),
    ("slices", "Chunk"),
    ("slices", "Clip"),
    ("slices", "Clone"),
    ("slices", "Collect"),
    ("slices", "Compact"),
    ("slices", "CompactFunc"),
    ("slices", "Compare"),
    ("slices", "CompareFunc"),
    ("slices", "Concat"),
    ("slices", "Contains"),
    ("slices", "ContainsFunc"),
    ("slices", "Delete"),
    ("slices", "DeleteFunc"),
    ("slices", "Equal"),
    ("slices", "EqualFunc"),
    ("slices", "Grow"),
    ("slices", "Index"),
    ("slices", "IndexFunc"),
    ("slices", "Insert"),
    ("slices", "IsSorted"),
    ("slices", "IsSortedFunc"),
    ("slices", "Max"),
    ("slices", "MaxFunc"),
    ("slices", "Min"),
    ("slices", "MinFunc"),
    ("slices", "Repeat"),
    ("slices", "Replace"),
    ("slices", "Sorted"),
    ("slices", "SortedFunc"),
    ("slices", "SortedStableFunc"),
    ("slices", "Values"),
    ("sort", "Reverse"),
];

/// Methods of type `func() string` whose results must be used.
const STRING_METHODS: &[&str] = &["Error", "String"];

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for stmt in &ast.stmts {
            let Stmt::Expr(x) = stmt else {
                continue;
            };
            let call = unparen(ast, *x);
            if !matches!(ast.expr(call), Expr::Call { .. }) {
                continue;
            }
            let Some(func) = callee(pass, file, call) else {
                continue;
            };
            if let Some(message) = message(pass.world, func) {
                let range = callee_range(pass, file, call);
                pass.report(file, range, message);
            }
        }
    }
}

/// What to say about an unused call of `func`, if it must be used.
fn message(world: &World, func: ObjId) -> Option<String> {
    let o = world.obj(func);
    if !matches!(o.kind, ObjKind::Func { .. }) {
        return None;
    }
    let Type::Signature(sig) = world.ty(o.ty) else {
        return None;
    };
    if let Some(recv) = sig.recv {
        // A method: only `func() string` ones of the listed names.
        let results = world.tuple_vars(sig.results);
        let no_args_string = world.tuple_vars(sig.params).is_empty()
            && !sig.variadic
            && results.len() == 1
            && world.unalias(world.obj(results[0]).ty) == ids::STRING;
        if !no_args_string || !STRING_METHODS.contains(&&*o.name) {
            return None;
        }
        let recv_ty = world.type_string_by_path(world.obj(recv).ty);
        return Some(format!("result of ({recv_ty}).{} call not used", o.name));
    }
    let path = &*world.package(o.pkg?).path;
    FUNCS
        .contains(&(path, &*o.name))
        .then(|| format!("result of {path}.{} call not used", o.name))
}

/// From the start of the call to its opening parenthesis, where go vet reports.
fn callee_range(pass: &Pass<'_>, file: usize, call: ExprId) -> TextRange {
    let ast = pass.ast(file);
    let range = ast.expr_range(call);
    let Expr::Call { fun, .. } = ast.expr(call) else {
        return range;
    };
    let after_fun = ast.expr_range(*fun).end;
    let rest = pass.text(file, TextRange::new(after_fun, range.end));
    let lparen = rest.find('(').map_or(after_fun, |i| after_fun + i as u32);
    TextRange::new(range.start, lparen)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unusedresult");
    }
}
