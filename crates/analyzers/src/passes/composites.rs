//! composites: struct literals of other packages' types written without field names.

use hir::types::{Type, TypeId};
use syntax::TextRange;
use syntax::ast::{Expr, ExprId};

use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "composites",
    doc: "check for unkeyed composite literals\n\n\
          This analyzer reports a diagnostic for composite literals of struct types imported \
          from another package that do not use the field-keyed syntax. Such literals are \
          fragile: adding a field to the struct (even an unexported one) breaks them.\n\n\
          For example, err = &net.DNSConfigError{err} should be written \
          err = &net.DNSConfigError{Err: err}.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

/// Standard library struct types that are frozen, or only used by trusted generated code:
/// unkeyed literals of these are fine.
const ALLOWED: &[&str] = &[
    "image/color.Alpha16",
    "image/color.Alpha",
    "image/color.CMYK",
    "image/color.Gray16",
    "image/color.Gray",
    "image/color.NRGBA64",
    "image/color.NRGBA",
    "image/color.NYCbCrA",
    "image/color.RGBA64",
    "image/color.RGBA",
    "image/color.YCbCr",
    "image.Point",
    "image.Rectangle",
    "image.Uniform",
    "unicode.Range16",
    "unicode.Range32",
    "testing.InternalBenchmark",
    "testing.InternalExample",
    "testing.InternalTest",
    "testing.InternalFuzzTarget",
];

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::CompositeLit { elts, .. } = expr else {
                continue;
            };
            check_literal(pass, file, ExprId(i as u32), elts);
        }
    }
}

fn check_literal(pass: &mut Pass<'_>, file: usize, lit: ExprId, elts: &[ExprId]) {
    let world = pass.world;
    let Some(ty) = pass.type_of(file, lit) else {
        return;
    };
    let type_name = world.type_string_by_path(ty);
    if ALLOWED.contains(&type_name.as_str()) {
        return;
    }
    // A type parameter's literal is checked for each type of its type set.
    let ty = world.unalias(ty);
    let candidates: Vec<TypeId> = if world.is_type_param(ty) {
        let set = world.type_set(ty);
        set.terms.iter().map(|term| term.ty).collect()
    } else {
        vec![ty]
    };
    let ast = pass.ast(file);
    for candidate in candidates {
        let base = match world.ty(world.unalias(candidate)) {
            Type::Pointer(elem) => *elem,
            _ => candidate,
        };
        let Type::Struct(strukt) = world.ty(world.under(base)) else {
            continue;
        };
        if is_local_type(pass, candidate) {
            continue;
        }
        let mut unkeyed = false;
        let mut fixable = elts.len() == strukt.fields.len();
        let mut edits = Vec::new();
        for (index, &elt) in elts.iter().enumerate() {
            if matches!(ast.expr(elt), Expr::KeyValue { .. }) {
                continue;
            }
            unkeyed = true;
            let Some(&field) = strukt.fields.get(index) else {
                break;
            };
            let field = world.obj(field);
            // Naming an unexported field of another package does not compile.
            if !field.is_exported() {
                fixable = false;
                break;
            }
            let at = ast.expr_range(elt).start;
            edits.push(Edit {
                file,
                range: TextRange { start: at, end: at },
                new_text: format!("{}: ", field.name),
            });
        }
        if !unkeyed {
            continue;
        }
        let fixes = if fixable {
            vec![Fix {
                message: "Add field names to struct literal".to_string(),
                edits,
            }]
        } else {
            Vec::new()
        };
        let message = format!("{type_name} struct literal uses unkeyed fields");
        pass.report_with_fixes(file, ast.expr_range(lit), message, fixes);
        return;
    }
}

/// Whether `ty` (a struct literal type, a pointer to one, or a named type) belongs to the
/// package being analyzed; `foo` and `foo_test` count as one package.
fn is_local_type(pass: &Pass<'_>, ty: TypeId) -> bool {
    let world = pass.world;
    let obj = match world.ty(world.unalias(ty)) {
        Type::Struct(_) => return true,
        Type::Pointer(elem) => return is_local_type(pass, *elem),
        Type::Named(named) => named.obj,
        Type::TypeParam { obj, .. } => *obj,
        _ => return false,
    };
    let Some(pkg) = world.obj(obj).pkg else {
        return false;
    };
    let theirs = &*world.package(pkg).path;
    let ours = pass.path();
    theirs.strip_suffix("_test").unwrap_or(theirs) == ours.strip_suffix("_test").unwrap_or(ours)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "composites");
    }
}
