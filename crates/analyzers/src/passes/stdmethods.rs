//! stdmethods: methods named like those of well-known interfaces (`io.WriterTo`,
//! `json.Marshaler`, ...) but with another signature, which dynamic interface checks then
//! silently miss.

use hir::objects::ObjId;
use hir::types::{Type, TypeId};
use hir::typestring::Qualifier;
use syntax::ast::{Decl, Expr, InterfaceElem, Name};

use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "stdmethods",
    doc: "check signature of methods of well-known interfaces\n\n\
          A type meant to satisfy an interface of the standard library may miss it through \
          a mistake in a method's signature, and since such interfaces are usually checked \
          dynamically (fmt looks for a Format method, encoding/json for MarshalJSON), nothing \
          fails to compile. For example, a WriteTo method returning only error does not \
          implement io.WriterTo, whose WriteTo returns (int64, error).\n\n\
          Checked method names include: Format GobEncode GobDecode MarshalJSON MarshalXML \
          ReadByte ReadFrom ReadRune Scan Seek UnmarshalJSON UnreadByte UnreadRune WriteByte \
          WriteTo, and Is, As and Unwrap on error types.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// The expected parameter and result types of each checked method, as printed with package
/// names. A `=` marks a type that signals the interface is meant: a method whose `=` types
/// differ is not checked (a `Scan` without a `fmt.ScanState` is some other `Scan`).
const CANONICAL: &[(&str, &[&str], &[&str])] = &[
    ("As", &["any"], &["bool"]),
    ("Format", &["=fmt.State", "rune"], &[]),
    ("GobDecode", &["[]byte"], &["error"]),
    ("GobEncode", &[], &["[]byte", "error"]),
    ("Is", &["error"], &["bool"]),
    ("MarshalJSON", &[], &["[]byte", "error"]),
    (
        "MarshalXML",
        &["*xml.Encoder", "xml.StartElement"],
        &["error"],
    ),
    ("ReadByte", &[], &["byte", "error"]),
    ("ReadFrom", &["=io.Reader"], &["int64", "error"]),
    ("ReadRune", &[], &["rune", "int", "error"]),
    ("Scan", &["=fmt.ScanState", "rune"], &["error"]),
    ("Seek", &["=int64", "int"], &["int64", "error"]),
    ("UnmarshalJSON", &["[]byte"], &["error"]),
    (
        "UnmarshalXML",
        &["*xml.Decoder", "xml.StartElement"],
        &["error"],
    ),
    ("UnreadByte", &[], &["error"]),
    ("UnreadRune", &[], &["error"]),
    ("Unwrap", &[], &["error"]),
    ("WriteByte", &["byte"], &["error"]),
    ("WriteTo", &["=io.Writer"], &["int64", "error"]),
];

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for decl in ast.top_level() {
            if let Decl::Func(f) = decl
                && f.recv.is_some()
            {
                check_method(pass, file, &f.name);
            }
        }
        for expr in &ast.exprs {
            let Expr::InterfaceType { elems } = expr else {
                continue;
            };
            for elem in elems {
                if let InterfaceElem::Method { name, .. } = elem {
                    check_method(pass, file, name);
                }
            }
        }
    }
}

/// Types as go vet prints them here: qualified by package name, the local package too.
fn type_string(pass: &Pass<'_>, ty: TypeId) -> String {
    let qualifier = Qualifier {
        local: None,
        ambiguous: &[],
        import_names: &[],
    };
    pass.world.type_string(ty, qualifier)
}

fn check_method(pass: &mut Pass<'_>, file: usize, name: &Name) {
    let Some(&(_, want_params, want_results)) =
        CANONICAL.iter().find(|(n, ..)| *n == name.as_str())
    else {
        return;
    };
    let Some(method) = pass.def_of(file, name) else {
        return;
    };
    let world = pass.world;
    let sig_ty = world.obj(method).ty;
    let Type::Signature(sig) = world.ty(sig_ty) else {
        return;
    };
    let params = param_types(pass, sig.params);
    let results = param_types(pass, sig.results);
    let range = name.range;
    let name = name.as_str();
    // WriteTo with more arguments is common, and not meant as io.WriterTo.
    if name == "WriteTo" && params.len() > 1 {
        return;
    }
    // Is, As and Unwrap only matter on errors.
    if matches!(name, "Is" | "As" | "Unwrap") {
        let Some(recv) = sig.recv else {
            return;
        };
        if !implements_error(pass, world.obj(recv).ty) {
            return;
        }
    }
    if name == "Unwrap" {
        let fine = params.is_empty()
            && results.len() == 1
            && matches!(results[0].as_str(), "error" | "[]error");
        if !fine {
            pass.report(
                file,
                range,
                "method Unwrap() should have signature Unwrap() error or Unwrap() []error",
            );
        }
        return;
    }
    // Only methods with the signalling types are meant to implement the interface.
    if !matches(want_params, &params, "=") || !matches(want_results, &results, "=") {
        return;
    }
    if matches(want_params, &params, "") && matches(want_results, &results, "") {
        return;
    }
    let mut expected = format!("{name}({})", join(want_params));
    match want_results.len() {
        0 => {}
        1 => expected = format!("{expected} {}", join(want_results)),
        _ => expected = format!("{expected} ({})", join(want_results)),
    }
    let actual = type_string(pass, sig_ty);
    let actual = format!("{name}{}", actual.strip_prefix("func").unwrap_or(&actual));
    let message = format!("method {actual} should have signature {expected}");
    pass.report(file, range, message);
}

fn param_types(pass: &Pass<'_>, tuple: TypeId) -> Vec<String> {
    let world = pass.world;
    world
        .tuple_vars(tuple)
        .iter()
        .map(|&v| type_string(pass, world.obj(v).ty))
        .collect()
}

fn join(types: &[&str]) -> String {
    let bare: Vec<&str> = types
        .iter()
        .map(|t| t.strip_prefix('=').unwrap_or(t))
        .collect();
    bare.join(", ")
}

/// Whether each expected type starting with `prefix` is the actual one at its place (and,
/// for the full check, there are no more actual ones than expected).
fn matches(expected: &[&str], actual: &[String], prefix: &str) -> bool {
    for (i, want) in expected.iter().enumerate() {
        if !want.starts_with(prefix) {
            continue;
        }
        let Some(got) = actual.get(i) else {
            return false;
        };
        let want = want.strip_prefix('=').unwrap_or(want);
        let empty_interface = |t: &str| t == "any" || t == "interface{}";
        if got != want && !(empty_interface(got) && empty_interface(want)) {
            return false;
        }
    }
    !(prefix.is_empty() && actual.len() > expected.len())
}

/// Whether `ty` has the method `Error() string`.
fn implements_error(pass: &Pass<'_>, ty: TypeId) -> bool {
    let world = pass.world;
    let Some(error) = crate::util::method(world, ty, "Error", false) else {
        return false;
    };
    let Type::Signature(sig) = world.ty(world.obj(error).ty) else {
        return false;
    };
    let results = world.tuple_vars(sig.results);
    world.tuple_vars(sig.params).is_empty()
        && results.len() == 1
        && world.under_basic(world.obj(results[0]).ty) == Some(hir::types::BasicKind::String)
        && !is_named_result(pass, results[0])
}

/// `Error() string` must return the predeclared string, not a defined string type.
fn is_named_result(pass: &Pass<'_>, result: ObjId) -> bool {
    let world = pass.world;
    matches!(
        world.ty(world.unalias(world.obj(result).ty)),
        Type::Named(_)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "stdmethods");
    }
}
