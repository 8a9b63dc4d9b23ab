//! Names in scope at the cursor: from the innermost scope the checker recorded there, outward
//! through the function, the file (imports), the package and the universe. Inner names shadow
//! outer ones; locals declared after the cursor are not in scope yet.

use std::collections::HashSet;

use hir::objects::ObjKind;
use hir::types::{Type, TypeId};
use syntax::ast::{Decl, File, GenKind, Spec};

use super::context::Lexical;
use super::{Acc, Candidate, CompletionKind, expected, expected_bonus, fits};
use crate::objstring;
use crate::typecheck::patched::Checked;

pub(crate) fn complete(acc: &mut Acc<'_>, checked: &Checked, lex: &Lexical) {
    let at = checked.to_checked(lex.prefix.start);
    checked.with(|facts| {
        let world = facts.world;
        let package = facts.package.package();
        let qf = objstring::qualifier(Some(package));
        let position = expected::cursor_expr(&checked.source.ast, at, false)
            .map(|e| expected::position(facts, checked, e))
            .unwrap_or_default();
        let want_value = position.wants_func(facts);
        // Struct literal keys: the fields come first, and insert `Name: `.
        for &field in &position.fields {
            let name = &world.obj(field).name;
            if !acc.matches(name) {
                continue;
            }
            let mut item = acc.item(name, CompletionKind::Field, &format!("{name}: "));
            item.detail = Some(objstring::object_string(world, field, qf));
            acc.add(item, super::EXPECTED_TYPE + super::PROXIMITY);
        }
        if let Some(want) = position.expected {
            literal_item(acc, world, qf, want);
        }
        let start = checked
            .scope_at(facts, at)
            .unwrap_or(world.package(package).scope);
        let mut seen: HashSet<&str> = HashSet::new();
        let mut candidates = Vec::new();
        let mut scope = Some(start);
        let mut depth = 0;
        while let Some(id) = scope {
            let s = world.scope(id);
            for (name, &obj) in &s.names {
                let o = world.obj(obj);
                // A local declared after the cursor is not in scope there (and does not hide
                // an outer name of the same spelling).
                if let Some(file) = o.pos.file
                    && facts.package.body_of_file(file).is_some()
                    && o.pos.offset >= at
                {
                    continue;
                }
                if seen.contains(&**name) {
                    continue;
                }
                seen.insert(name);
                if &**name == "_" {
                    continue;
                }
                // `init` functions cannot be referred to; `iota` exists only in constants.
                let hidden = match &o.kind {
                    ObjKind::Func { .. } => &**name == "init" && s.parent == Some(world.universe()),
                    ObjKind::Const(_) => &**name == "iota" && o.pkg.is_none(),
                    _ => false,
                };
                if hidden {
                    continue;
                }
                let fit = position.expected.is_some_and(|t| fits(world, obj, t));
                let Some(score) = acc.score(name, expected_bonus(fit) + super::proximity(depth))
                else {
                    continue;
                };
                candidates.push(Candidate {
                    obj,
                    score,
                    want_value,
                });
            }
            depth += 1;
            scope = s.parent;
        }
        acc.add_objects(world, qf, candidates, &[]);
    });
}

/// A composite literal of the expected type (`T{}`, `&T{}` for a pointer to a struct,
/// `[]int{}`, `map[string]int{}`), ranked with the values that fit.
fn literal_item(
    acc: &mut Acc<'_>,
    world: &hir::World,
    qf: hir::typestring::Qualifier<'_>,
    want: TypeId,
) {
    let (base, amp) = match world.ty(world.unalias(want)) {
        Type::Pointer(elem) => (*elem, "&"),
        _ => (want, ""),
    };
    let literal = matches!(
        world.ty(world.under(base)),
        Type::Struct(_) | Type::Slice(_) | Type::Array { .. } | Type::Map { .. }
    );
    // `&` only makes pointers to structs in Go's literal syntax.
    if !literal || (!amp.is_empty() && !matches!(world.ty(world.under(base)), Type::Struct(_))) {
        return;
    }
    let type_string = world.type_string(base, qf);
    let label = format!("{amp}{type_string}{{}}");
    let mut item = if acc.config.snippets {
        let mut item = acc.item(
            &label,
            CompletionKind::Snippet,
            &format!("{amp}{type_string}{{$0}}"),
        );
        item.is_snippet = true;
        item
    } else {
        acc.item(&label, CompletionKind::Type, &label)
    };
    item.detail = Some(format!("{amp}{type_string}{{}} (composite literal)"));
    acc.add(item, super::EXPECTED_TYPE + super::proximity(1));
}

/// What the file's syntax declares, for a package that is not checked: its imports and
/// package-level declarations.
pub(crate) fn complete_from_syntax(acc: &mut Acc<'_>, ast: &File) {
    let depth_bonus = super::proximity(2);
    for import in &ast.imports {
        let name = match (&import.name, &import.path) {
            (Some(n), _) => n.as_str().to_string(),
            (None, Some(path)) => super::unimported::package_name_of_path(path).to_string(),
            _ => continue,
        };
        if name == "_" || name == "." {
            continue;
        }
        let item = acc.item(&name, CompletionKind::Package, &name);
        acc.add(item, depth_bonus);
    }
    for decl in ast.top_level() {
        match decl {
            Decl::Func(f) if f.recv.is_none() && f.name.as_str() != "init" => {
                let item = acc.item(f.name.as_str(), CompletionKind::Func, f.name.as_str());
                acc.add(item, depth_bonus);
            }
            Decl::Gen(g) => {
                for spec in &g.specs {
                    let (names, kind): (Vec<&str>, CompletionKind) = match spec {
                        Spec::Type { name, .. } => (vec![name.as_str()], CompletionKind::Type),
                        Spec::Value { names, .. } => (
                            names.iter().map(|n| n.as_str()).collect(),
                            if g.kind == GenKind::Const {
                                CompletionKind::Const
                            } else {
                                CompletionKind::Var
                            },
                        ),
                    };
                    for name in names.into_iter().filter(|n| *n != "_") {
                        let item = acc.item(name, kind, name);
                        acc.add(item, depth_bonus);
                    }
                }
            }
            _ => {}
        }
    }
}
