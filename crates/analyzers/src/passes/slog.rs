//! slog: mismatched key-value pairs in calls of `log/slog` functions and methods.

use hir::info::SelectionKind;
use hir::objects::ObjId;
use hir::types::{Type, TypeId, ids};
use project_model::modfile::quote::go_quote;
use syntax::ast::{Expr, ExprId};

use crate::util::{format_expr, is_named};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "slog",
    doc: "check for invalid structured logging calls\n\n\
          log/slog's functions and methods that take ...any (slog.Info, Logger.With, \
          Record.Add, ...) read their variadic arguments as alternating keys and values, where \
          a key is a string and an Attr stands alone. This reports an argument in a key \
          position that can be neither, and a key left without a value.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// What an argument position holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    /// A string key or an Attr.
    Key,
    /// Any value.
    Value,
    /// Not known (after an argument of interface type that may be either).
    Unknown,
}

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Call {
                fun,
                args,
                ellipsis: None,
            } = expr
            else {
                continue;
            };
            let Some(callee) = pass.callee(file, ExprId(i as u32)) else {
                continue;
            };
            let Some(mut skip) = kv_skip_args(pass, callee) else {
                continue;
            };
            // A method expression's first argument is the receiver.
            if pass
                .selection(file, *fun)
                .is_some_and(|s| s.kind == SelectionKind::MethodExpr)
            {
                skip += 1;
            }
            let Some(kvs) = args.get(skip..).filter(|kvs| !kvs.is_empty()) else {
                continue;
            };
            check_call(pass, file, ExprId(i as u32), callee, kvs);
        }
    }
}

fn check_call(pass: &mut Pass<'_>, file: usize, call: ExprId, callee: ObjId, kvs: &[ExprId]) {
    let world = pass.world;
    let ast = pass.ast(file);
    let text: &str = &pass.files[file].text;
    let attr = world
        .obj(callee)
        .pkg
        .and_then(|p| world.lookup_local(world.package(p).scope, "Attr"))
        .map(|obj| world.obj(obj).ty);
    let name = short_name(pass, callee);
    let show = |e: ExprId| go_quote(&format_expr(ast, text, e));
    let mut pos = Position::Key;
    // The last argument in an unknown position.
    let mut unknown: Option<ExprId> = None;
    for &arg in kvs {
        let Some(t) = pass.type_of(file, arg) else {
            return;
        };
        match pos {
            Position::Key => {
                if t == ids::STRING {
                    pos = Position::Value;
                    continue;
                }
                if is_attr(pass, t) {
                    continue;
                }
                if world.is_interface(t) && !world.is_type_param(t) {
                    // Only the dynamic type would tell; decide what can be decided.
                    if world.interface_methods(t).is_empty() {
                        // A string or an Attr alike.
                        pos = Position::Unknown;
                        continue;
                    }
                    if attr.is_some_and(|a| world.assignable_for_ranking(a, t)) {
                        continue;
                    }
                }
                let message = match unknown {
                    None => format!(
                        "{name} arg {} should be a string or a slog.Attr (possible missing key or value)",
                        show(arg)
                    ),
                    Some(prev) => format!(
                        "{name} arg {} should probably be a string or a slog.Attr (previous arg {} cannot be a key)",
                        show(arg),
                        show(prev)
                    ),
                };
                pass.report(file, ast.expr_range(arg), message);
                // One missing key per call is enough.
                return;
            }
            Position::Value => pos = Position::Key,
            Position::Unknown => {
                unknown = Some(arg);
                // An argument that cannot be a key was the previous unknown one's value.
                let maybe_key = t == ids::STRING || is_attr(pass, t) || is_interface_like(pass, t);
                if !maybe_key {
                    pos = Position::Key;
                }
            }
        }
    }
    if pos == Position::Value {
        let message = match unknown {
            None => format!("call to {name} missing a final value"),
            Some(_) => format!("call to {name} has a missing or misplaced value"),
        };
        pass.report(file, ast.expr_range(call), message);
    }
}

/// go/types' `IsInterface`: an interface or a type parameter (whose underlying type is its
/// constraint).
fn is_interface_like(pass: &Pass<'_>, t: TypeId) -> bool {
    pass.world.is_interface(t) || pass.world.is_type_param(t)
}

fn is_attr(pass: &Pass<'_>, t: TypeId) -> bool {
    is_named(pass.world, t, "log/slog", "Attr")
}

/// The name of the receiver's named type (through a pointer), if the function is a method
/// of one.
fn receiver_name(pass: &Pass<'_>, func: ObjId) -> Option<Result<String, String>> {
    let world = pass.world;
    let Type::Signature(sig) = world.ty(world.obj(func).ty) else {
        return None;
    };
    let recv = world.obj(sig.recv?).ty;
    let base = match world.ty(world.unalias(recv)) {
        Type::Pointer(elem) => world.unalias(*elem),
        _ => world.unalias(recv),
    };
    Some(match world.ty(base) {
        Type::Named(named) => Ok(world.obj(named.obj).name.to_string()),
        _ => Err(world.type_string_by_path(recv)),
    })
}

/// How many arguments precede the key-value pairs, for the log/slog functions and methods
/// that take them.
fn kv_skip_args(pass: &Pass<'_>, func: ObjId) -> Option<usize> {
    let world = pass.world;
    let o = world.obj(func);
    if &*world.package(o.pkg?).path != "log/slog" {
        return None;
    }
    let recv = match receiver_name(pass, func) {
        None => String::new(),
        Some(Ok(name)) => name,
        Some(Err(_)) => return None,
    };
    let skip = match (recv.as_str(), &*o.name) {
        ("" | "Logger", "Debug" | "Info" | "Warn" | "Error") => 1,
        ("" | "Logger", "DebugContext" | "InfoContext" | "WarnContext" | "ErrorContext") => 2,
        ("" | "Logger", "Log") => 3,
        ("", "Group") => 1,
        ("Logger", "With") | ("Record", "Add") => 0,
        _ => return None,
    };
    Some(skip)
}

/// `slog.Info`, `slog.Logger.With`: shorter than the full name.
fn short_name(pass: &Pass<'_>, func: ObjId) -> String {
    let world = pass.world;
    let o = world.obj(func);
    let pkg = o.pkg.map_or("", |p| &*world.package(p).name);
    let recv = match receiver_name(pass, func) {
        None => String::new(),
        Some(Ok(name)) | Some(Err(name)) => format!("{name}."),
    };
    format!("{pkg}.{recv}{}", o.name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "slog");
    }
}
