//! stringintconv: `string(i)` of an integer, which yields one rune, not the number's digits.

use hir::World;
use hir::objects::ObjKind;
use hir::types::{BasicKind, Type, TypeId, ids};
use syntax::TextRange;
use syntax::ast::{Expr, ExprId};

use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "stringintconv",
    doc: "check for string(int) conversions\n\n\
          A conversion string(x) of an integer x (other than a rune or byte) yields the UTF-8 \
          encoding of the code point x, not its decimal digits, which is rarely what was \
          meant. Fixes offered: fmt.Sprint(x) for the digits, or string(rune(x)) for the \
          code point. Type parameters are checked against every term of their constraint.",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

fn run(pass: &mut Pass<'_>) {
    for file in 0..pass.files.len() {
        let ast = pass.ast(file);
        for i in 0..ast.exprs.len() {
            let call = ExprId(i as u32);
            if let Some((message, fixes)) = check(pass, file, call) {
                pass.report_with_fixes(file, ast.expr_range(call), message, fixes);
            }
        }
    }
}

/// The finding for a conversion `T(v)` of an integer to a string type, if `call` is one.
fn check(pass: &Pass<'_>, file: usize, call: ExprId) -> Option<(String, Vec<Fix>)> {
    let world = pass.world;
    let ast = pass.ast(file);
    let Expr::Call { fun, args, .. } = ast.expr(call) else {
        return None;
    };
    let [arg] = args.as_slice() else {
        return None;
    };
    // The target type, named directly (`string(x)`, `pkg.T(x)`).
    let tname = match ast.expr(*fun) {
        Expr::Name(n) => pass.object_of(file, n)?,
        Expr::Selector { sel, .. } => pass.object_of(file, sel)?,
        _ => return None,
    };
    let o = world.obj(tname);
    if !matches!(o.kind, ObjKind::TypeName) {
        return None;
    }
    let target = o.ty;
    // A string type among the target's types, an integer (not byte or rune) among the
    // argument's: the conversion of one to the other is the mistake.
    let target_types = structural_types(world, target)?;
    let t0 = *target_types
        .iter()
        .find(|&&t| world.basic_kind(world.under(t)) == Some(BasicKind::String))?;
    let source = pass.type_of(file, *arg)?;
    let source_types = structural_types(world, source)?;
    let v0 = *source_types.iter().find(|&&t| {
        world.basic_kind(world.under(t)).is_some_and(|k| {
            k.is_integer()
                && !matches!(
                    k,
                    BasicKind::Uint8 | BasicKind::Int32 | BasicKind::UntypedRune
                )
        })
    })?;
    let target_text = describe(world, t0, t0 == target, &o.name);
    let source_text = describe(world, v0, v0 == source, &type_name(world, source));
    if target_text.is_empty() || source_text.is_empty() {
        return None;
    }
    let message = format!(
        "conversion from {source_text} to {target_text} yields a string of one rune, not a string of digits"
    );

    let mut fixes = Vec::new();
    // fmt.Sprint prints the digits; not offered for type parameters (too many cases) or
    // types with methods (a String or Format method would change what it prints).
    if target_types.len() == 1
        && source_types.len() == 1
        && world.method_set(v0).is_empty()
        && let Some((prefix, import)) = fmt_prefix(pass, file, ast.expr_range(*arg).start)
    {
        let mut edits: Vec<Edit> = import.into_iter().collect();
        let call_range = ast.expr_range(call);
        if world.unalias(t0) == ids::STRING {
            edits.push(Edit {
                file,
                range: ast.expr_range(*fun),
                new_text: format!("{prefix}Sprint"),
            });
        } else {
            let lparen = lparen_after(pass, file, *fun);
            edits.push(Edit {
                file,
                range: TextRange::empty(lparen + 1),
                new_text: format!("{prefix}Sprint("),
            });
            edits.push(Edit {
                file,
                range: TextRange::empty(call_range.end - 1),
                new_text: ")".to_string(),
            });
        }
        fixes.push(Fix {
            message: "Format the number as a decimal".to_string(),
            edits,
        });
    }
    // string(rune(x)) keeps the behaviour and says so.
    let to_rune = source_types.iter().all(|&t| {
        world
            .basic_kind(world.under(t))
            .is_some_and(|k| k.is_integer() || k.is_float())
    });
    if to_rune {
        let range = ast.expr_range(*arg);
        fixes.push(Fix {
            message: "Convert a single rune to a string".to_string(),
            edits: vec![
                Edit {
                    file,
                    range: TextRange::empty(range.start),
                    new_text: "rune(".to_string(),
                },
                Edit {
                    file,
                    range: TextRange::empty(range.end),
                    new_text: ")".to_string(),
                },
            ],
        });
    }
    Some((message, fixes))
}

/// The types a conversion may see: a type parameter's constraint terms, else the type.
/// `None` for an empty type set.
fn structural_types(world: &World, ty: TypeId) -> Option<Vec<TypeId>> {
    let unaliased = world.unalias(ty);
    if !world.is_type_param(unaliased) {
        return Some(vec![ty]);
    }
    let set = world.type_set(unaliased);
    if !set.all && set.terms.is_empty() {
        return None;
    }
    Some(set.terms.iter().map(|t| t.ty).collect())
}

/// A type's name as the message gives it: a basic type's (`untyped int` too) or a named
/// type's, alias's or type parameter's own; empty for other types.
fn type_name(world: &World, ty: TypeId) -> String {
    match world.ty(ty) {
        Type::Basic { name, .. } => name.to_string(),
        Type::Named(n) => world.obj(n.obj).name.to_string(),
        Type::Alias(a) => world.obj(a.obj).name.to_string(),
        Type::TypeParam { obj, .. } => world.obj(*obj).name.to_string(),
        _ => String::new(),
    }
}

/// `typ` as found in `in_name`'s type set: `C (int)`, `int (in T)`, `String (string, in T)`.
fn describe(world: &World, ty: TypeId, is_outer: bool, in_name: &str) -> String {
    let name = if is_outer {
        in_name.to_string()
    } else {
        type_name(world, ty)
    };
    if name.is_empty() {
        return name;
    }
    let mut notes = Vec::new();
    // A type parameter's underlying type is its constraint, which has no name.
    if !world.is_type_param(world.unalias(ty)) {
        let under = type_name(world, world.under(ty));
        if !under.is_empty() && under != name {
            notes.push(under);
        }
    }
    if !is_outer && !in_name.is_empty() && in_name != name {
        notes.push(format!("in {in_name}"));
    }
    if notes.is_empty() {
        name
    } else {
        format!("{name} ({})", notes.join(", "))
    }
}

/// How code at `offset` names package fmt (`fmt.`, another name, or nothing for a dot
/// import), and the import to add when the file has none. `None` when the name is shadowed.
fn fmt_prefix(pass: &Pass<'_>, file: usize, offset: u32) -> Option<(String, Option<Edit>)> {
    let world = pass.world;
    let ast = pass.ast(file);
    let scope = pass.info.innermost_scope(file as u32, offset);
    let resolves_to_fmt = |name: &str| {
        scope
            .and_then(|s| world.lookup_parent(s, name))
            .is_some_and(|(_, obj)| match world.obj(obj).kind {
                ObjKind::PkgName { imported } => &*world.package(imported).path == "fmt",
                _ => false,
            })
    };
    if let Some(spec) = ast
        .imports
        .iter()
        .find(|s| s.path.as_deref() == Some("fmt"))
    {
        let name = spec.name.as_ref().map_or("fmt", |n| n.as_str());
        return match name {
            "." => Some((String::new(), None)),
            "_" => None,
            name if resolves_to_fmt(name) => Some((format!("{name}."), None)),
            _ => None,
        };
    }
    // A new import, unless "fmt" means something else here.
    if scope.and_then(|s| world.lookup_parent(s, "fmt")).is_some() {
        return None;
    }
    Some(("fmt.".to_string(), Some(import_fmt(pass, file))))
}

/// The edit adding `import "fmt"`: first in an import group, or as its own declaration
/// before the first one (gofmt merges them).
fn import_fmt(pass: &Pass<'_>, file: usize) -> Edit {
    let ast = pass.ast(file);
    let text: &str = &pass.files[file].text;
    if let Some(first) = ast.imports.first() {
        let before = text.get(..first.range.start as usize).unwrap_or("");
        let import_kw = before.rfind("import").unwrap_or(first.range.start as usize);
        let grouped = before[import_kw..].contains('(');
        if grouped {
            // A non-standard package (a dot in its first path element) after it gets a
            // blank line between.
            let std = first
                .path
                .as_deref()
                .is_none_or(|p| !p.split('/').next().unwrap_or("").contains('.'));
            let gap = if std { "" } else { "\n" };
            return Edit {
                file,
                range: TextRange::empty(first.range.start),
                new_text: format!("\"fmt\"{gap}\n\t"),
            };
        }
        return Edit {
            file,
            range: TextRange::empty(line_start(text, import_kw as u32)),
            new_text: "import \"fmt\"\n\n".to_string(),
        };
    }
    let at = ast
        .decls
        .first()
        .map(|&d| match ast.decl(d) {
            syntax::ast::Decl::Func(f) => f.doc.unwrap_or(f.range).start,
            syntax::ast::Decl::Gen(g) => g.doc.unwrap_or(g.range).start,
        })
        .unwrap_or(text.len() as u32);
    Edit {
        file,
        range: TextRange::empty(at),
        new_text: "import \"fmt\"\n\n".to_string(),
    }
}

fn line_start(text: &str, offset: u32) -> u32 {
    text.get(..offset as usize)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i as u32 + 1)
}

/// The position of the `(` after the converted-to type.
fn lparen_after(pass: &Pass<'_>, file: usize, fun: ExprId) -> u32 {
    let end = pass.ast(file).expr_range(fun).end;
    let text: &str = &pass.files[file].text;
    text.get(end as usize..)
        .and_then(|t| t.find('('))
        .map_or(end, |i| end + i as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "stringintconv");
    }
}
