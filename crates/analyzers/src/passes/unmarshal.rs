//! unmarshal: json/xml/gob/asn1 decoding into a value that is not a pointer (or interface).

use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Expr, ExprId};

use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unmarshal",
    doc: "report passing non-pointer or non-interface values to unmarshal\n\n\
          The unmarshal analysis reports calls to functions such as json.Unmarshal in which \
          the argument type is not a pointer or an interface: the decoder can only store \
          through a pointer, so the call fails at run time.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    // These packages know how to use their own APIs, and test incorrect programs.
    if matches!(
        pass.path(),
        "encoding/gob" | "encoding/json" | "encoding/xml" | "encoding/asn1"
    ) {
        return;
    }
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for (i, expr) in ast.exprs.iter().enumerate() {
            let Expr::Call { fun, args, .. } = expr else {
                continue;
            };
            let call = ExprId(i as u32);
            let Some((name, index)) = decoding_argument(pass, file, call) else {
                continue;
            };
            let Some(&arg) = args.get(index) else {
                continue;
            };
            let Some(ty) = pass.type_of(file, arg) else {
                continue;
            };
            let world = pass.world;
            if world.is_type_param(ty)
                || matches!(
                    world.ty(world.under(ty)),
                    Type::Pointer(_) | Type::Interface(_)
                )
            {
                continue;
            }
            let message = if index == 0 {
                format!("call of {name} passes non-pointer")
            } else {
                format!("call of {name} passes non-pointer as second argument")
            };
            let at = lparen(pass, file, *fun);
            pass.report(
                file,
                TextRange {
                    start: at,
                    end: at + 1,
                },
                message,
            );
        }
    }
}

/// For a call of `json.Unmarshal` and friends or of a `Decoder.Decode` method: the callee's
/// name and the index of the argument decoded into.
fn decoding_argument(pass: &Pass<'_>, file: usize, call: ExprId) -> Option<(&'static str, usize)> {
    let world = pass.world;
    let callee = pass.callee(file, call)?;
    let o = world.obj(callee);
    let path = &*world.package(o.pkg?).path;
    let Type::Signature(sig) = world.ty(o.ty) else {
        return None;
    };
    match (&*o.name, sig.recv) {
        ("Unmarshal", None)
            if matches!(path, "encoding/json" | "encoding/xml" | "encoding/asn1") =>
        {
            Some(("Unmarshal", 1))
        }
        ("Decode", Some(recv)) => {
            let (pkg, name) = crate::util::named_path(world, world.obj(recv).ty, true)?;
            (name == "Decoder" && matches!(pkg, "encoding/json" | "encoding/xml" | "encoding/gob"))
                .then_some(("Decode", 0))
        }
        _ => None,
    }
}

/// The offset of the call's `(`: the first one after the function expression.
fn lparen(pass: &Pass<'_>, file: usize, fun: ExprId) -> u32 {
    let end = pass.ast(file).expr_range(fun).end;
    let text = &pass.files[file].text;
    text.get(end as usize..)
        .and_then(|rest| rest.find('('))
        .map_or(end, |i| end + i as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unmarshal");
    }
}
