//! Hover: what the identifier under the cursor denotes, as a Go declaration, with its doc
//! comment and a pkg.go.dev link, in Markdown.

use std::path::Path;

use base_db::{SourceDatabase, SourceFile};
use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use hir::typestring::Qualifier;
use project_model::db as pm;
use syntax::TextRange;
use syntax::ast::{Decl, ExprId, Spec};

use crate::doc_markdown;
use crate::goto_definition;
use crate::objstring;
use crate::typecheck::site::{self, Facts, Site};

/// A hover's answer: the range of the identifier it describes and Markdown.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct HoverResult {
    pub range: TextRange,
    pub markdown: String,
}

pub(crate) fn hover(db: &dyn SourceDatabase, file: SourceFile, offset: u32) -> Option<HoverResult> {
    if let Some(found) = hover_import_path(db, file, offset) {
        return Some(found);
    }
    if let Some(found) = hover_package_clause(db, file, offset) {
        return Some(found);
    }
    let ident = site::ident_at(file.text(db), offset)?;
    let site = Site::at(db, file, ident.start)?;
    let checked = site.checked_source(db);
    site.with(|facts| {
        let at = checked
            .as_ref()
            .and_then(|source| facts.expr_at(&source.ast, ident.start));
        let obj = facts.object_at(ident.start)?;
        if let ObjKind::PkgName { imported } = facts.world.obj(obj).kind {
            let path = facts.world.package(imported).path.to_string();
            let dir = file.path(db).parent()?;
            return Some(HoverResult {
                range: ident,
                markdown: package_markdown(db, dir, &path)?,
            });
        }
        Some(HoverResult {
            range: ident,
            markdown: describe(db, facts, obj, at),
        })
    })
    .flatten()
}

/// The Markdown for `obj`: its declaration in a Go code block, its doc, and a link.
fn describe(db: &dyn SourceDatabase, facts: &Facts<'_>, obj: ObjId, at: Option<ExprId>) -> String {
    let world = facts.world;
    let import_names = facts.import_names();
    let qf = objstring::qualifier_with(Some(facts.package.package()), &import_names);
    let location = site::object_location(db, facts, obj);
    let o = world.obj(obj);
    let declaration = match (&o.kind, location) {
        (ObjKind::TypeName, Some((file, range))) => {
            let declaration = type_source(db, file, range)
                .unwrap_or_else(|| objstring::object_string(world, obj, qf));
            format!("{declaration}{}", method_list(facts, obj, qf))
        }
        (ObjKind::Const(value), Some((file, range))) => {
            let declared = const_source(db, file, range);
            let mut line = objstring::object_string(world, obj, qf);
            // As gopls: the value as written, and what it evaluates to when that differs.
            if let Some(declared) = declared {
                let exact = value.exact_string();
                if let Some(head) = line.strip_suffix(&exact) {
                    line = if declared == exact {
                        format!("{head}{declared}")
                    } else {
                        format!("{head}{declared} // {exact}")
                    };
                }
            }
            line
        }
        _ => objstring::object_string(world, obj, qf),
    };
    // A struct field's tag, as written, after its type (gopls shows it too).
    let declaration = match (&o.kind, location) {
        (ObjKind::Var(info), Some((file, range))) if info.is_field => {
            match field_tag(db, file, range) {
                Some(tag) => format!("{declaration} {tag}"),
                None => declaration,
            }
        }
        _ => declaration,
    };
    let declaration = match at.map(|e| use_note(facts, obj, e, qf)) {
        Some(Note::Instance(instance)) => instance,
        Some(Note::Through(through)) => format!("{declaration} // through {through}"),
        _ => declaration,
    };
    // Predeclared objects are documented, declaration and doc, in the toolchain's sources.
    let predeclared = goto_definition::predeclared_location(db, facts, obj);
    let declaration = predeclared
        .and_then(|(file, range)| declaration_source(db, file, range))
        // builtin.go's stand-ins for "any type of a class", as gopls shows them: the class's
        // most common type.
        .map(|d| {
            d.replace("ComplexType", "complex128")
                .replace("FloatType", "float64")
                .replace("IntegerType", "int")
        })
        .unwrap_or(declaration);
    let location = location.or(predeclared);
    let mut out = format!("```go\n{declaration}\n```");
    let doc = location.and_then(|(file, range)| doc_comment(file.text(db), range.start));
    if let Some(doc) = doc {
        out.push_str("\n\n");
        // Unqualified doc links (`[Name]`) lead into the package that declares the object.
        let package_path = o.pkg.map_or("", |p| &*world.package(p).path);
        out.push_str(&doc_markdown::to_markdown(&doc, package_path));
    }
    if let Some(link) = pkg_go_dev_link(facts, obj) {
        out.push_str("\n\n");
        out.push_str(&link);
    }
    out
}

/// The methods declared on a defined type that is not an interface (whose methods its
/// declaration shows), one per line after a blank line, as gopls lists them: unexported ones
/// only when the type's package is the one asking.
fn method_list(facts: &Facts<'_>, obj: ObjId, qf: Qualifier<'_>) -> String {
    let world = facts.world;
    let o = world.obj(obj);
    let Type::Named(named) = world.ty(o.ty) else {
        return String::new();
    };
    if named.obj != obj || world.is_interface(o.ty) {
        return String::new();
    }
    let local = o.pkg == Some(facts.package.package());
    let mut methods: Vec<ObjId> = named
        .methods
        .iter()
        .copied()
        .filter(|&m| local || world.obj(m).is_exported())
        .collect();
    methods.sort_by(|&a, &b| world.obj(a).name.cmp(&world.obj(b).name));
    if methods.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = methods
        .iter()
        .map(|&m| objstring::func_string(world, m, qf))
        .collect();
    format!("\n\n{}", lines.join("\n"))
}

/// What a use adds to an object's declaration, as gopls shows it.
enum Note {
    None,
    /// A generic function used with type arguments: its instantiated signature, then the
    /// generic one as a comment.
    Instance(String),
    /// A field or method promoted from an embedded field: that field's type.
    Through(String),
}

fn use_note(facts: &Facts<'_>, obj: ObjId, e: ExprId, qf: Qualifier<'_>) -> Note {
    let world = facts.world;
    let o = world.obj(obj);
    if let Some(selection) = facts.info.selections.get(&(facts.index, e))
        && selection.index.len() > 1
        && selection.kind == hir::info::SelectionKind::FieldVal
    {
        // Walk the embedded fields the selector went through; the last one is what gopls names.
        let mut t = selection.recv;
        let mut through = None;
        for &i in &selection.index[..selection.index.len() - 1] {
            let base = match world.ty(world.unalias(t)) {
                Type::Pointer(elem) => *elem,
                _ => t,
            };
            let Type::Struct(st) = world.ty(world.under(base)) else {
                return Note::None;
            };
            let Some(&field) = st.fields.get(i) else {
                return Note::None;
            };
            t = world.obj(field).ty;
            through = Some(t);
        }
        return match through {
            Some(t) => Note::Through(world.type_string(t, qf)),
            None => Note::None,
        };
    }
    let generic = match world.ty(o.ty) {
        Type::Signature(sig) if !sig.type_params.is_empty() && sig.recv.is_none() => o.ty,
        _ => return Note::None,
    };
    let Some(used) = facts.info.types.get(&(facts.index, e)) else {
        return Note::None;
    };
    if used.ty == generic || !matches!(world.ty(used.ty), Type::Signature(_)) {
        return Note::None;
    }
    let declared = objstring::func_string(world, obj, qf);
    let Some(name_end) = declared.find('[') else {
        return Note::None;
    };
    let instance = world.type_string(used.ty, qf);
    let generic_sig = &declared[name_end..];
    Note::Instance(format!(
        "{}{} // func{generic_sig}",
        &declared[..name_end],
        instance.strip_prefix("func").unwrap_or(&instance)
    ))
}

/// The package's doc comment, with the file and package clause name it is on. go/doc takes the
/// first it sees; packages conventionally keep it in doc.go.
pub(crate) fn package_doc(
    db: &dyn SourceDatabase,
    package: &project_model::load::Package,
) -> Option<(SourceFile, TextRange, String)> {
    let mut names: Vec<&String> = package.go_files.iter().collect();
    names.sort_by_key(|n| n.as_str() != "doc.go");
    names.iter().find_map(|name| {
        let file = base_db::file(db, &package.dir.join(name));
        let clause = base_db::file_ast(db, file).package.as_ref()?.range;
        let doc = doc_comment(file.text(db), clause.start)?;
        Some((file, clause, doc))
    })
}

/// Hover on an import spec's path: the imported package's doc.
fn hover_import_path(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Option<HoverResult> {
    let ast = base_db::file_ast(db, file);
    let spec = ast
        .imports
        .iter()
        .find(|i| i.path_range.start <= offset && offset < i.path_range.end)?;
    let dir = file.path(db).parent()?;
    Some(HoverResult {
        range: spec.path_range,
        markdown: package_markdown(db, dir, spec.path.as_deref()?)?,
    })
}

/// Hover on the package clause's name: the package's doc, as on an import of it.
fn hover_package_clause(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Option<HoverResult> {
    let name = base_db::file_ast(db, file).package.as_ref()?;
    if !(name.range.start <= offset && offset <= name.range.end) {
        return None;
    }
    let dir = file.path(db).parent()?;
    let package = pm::package_of_dir(db, dir, None)?;
    Some(HoverResult {
        range: name.range,
        markdown: package_markdown(db, dir, &package.import_path)?,
    })
}

/// `package name`, the package's doc comment and its pkg.go.dev link, for `import_path` as
/// the package in `from_dir` imports it.
fn package_markdown(db: &dyn SourceDatabase, from_dir: &Path, import_path: &str) -> Option<String> {
    let resolved = pm::resolve_import_from(db, from_dir, import_path).ok()?;
    let package = pm::package_of_dir(db, &resolved.dir, None)?;
    let mut out = format!("```go\npackage {}\n```", package.name);
    let doc = package_doc(db, &package).map(|(_, _, doc)| doc);
    if let Some(doc) = doc {
        out.push_str("\n\n");
        out.push_str(&doc_markdown::to_markdown(&doc, &resolved.import_path));
    }
    out.push_str(&format!(
        "\n\n[`{}` on pkg.go.dev](https://pkg.go.dev/{})",
        resolved.import_path, resolved.import_path
    ));
    Some(out)
}

/// The declaration of the name at `name` as written in the source, for the declarations of
/// the toolchain's builtin.go and unsafe.go (functions there have no bodies).
fn declaration_source(
    db: &dyn SourceDatabase,
    file: SourceFile,
    name: TextRange,
) -> Option<String> {
    let ast = base_db::file_ast(db, file);
    let text = file.text(db);
    ast.decls.iter().find_map(|&decl| match ast.decl(decl) {
        Decl::Func(f) if f.name.range == name => text.get(f.range.as_usize()).map(str::to_string),
        Decl::Gen(g) => g.specs.iter().find_map(|spec| match spec {
            Spec::Type { name: n, range, .. } if n.range == name => {
                Some(format!("type {}", text.get(range.as_usize())?))
            }
            Spec::Value { names, range, .. } if names.iter().any(|n| n.range == name) => {
                let keyword = match g.kind {
                    syntax::ast::GenKind::Const => "const",
                    _ => "var",
                };
                Some(format!("{keyword} {}", text.get(range.as_usize())?))
            }
            _ => None,
        }),
        _ => None,
    })
}

/// The tag of the struct field named at `name`, as written.
fn field_tag(db: &dyn SourceDatabase, file: SourceFile, name: TextRange) -> Option<String> {
    let ast = base_db::file_ast(db, file);
    ast.exprs.iter().find_map(|e| match e {
        syntax::ast::Expr::StructType { fields, .. } => fields.iter().find_map(|f| {
            let named_here = f.names.iter().any(|n| n.range == name)
                || (f.names.is_empty() && f.range.contains(name.start));
            named_here
                .then(|| f.tag.as_deref().map(str::to_string))
                .flatten()
        }),
        _ => None,
    })
}

/// The expression a constant named at `name` is declared with, as go/types prints
/// expressions; `None` for a constant of a group that repeats the previous expression.
fn const_source(db: &dyn SourceDatabase, file: SourceFile, name: TextRange) -> Option<String> {
    let ast = base_db::file_ast(db, file);
    let specs = ast.decls.iter().filter_map(|&decl| match ast.decl(decl) {
        Decl::Gen(g) => Some(&g.specs),
        Decl::Func(_) => None,
    });
    // Constants declared inside function bodies are in statements, not found here.
    specs.flatten().find_map(|spec| match spec {
        Spec::Value { names, values, .. } => {
            let i = names.iter().position(|n| n.range == name)?;
            Some(hir::exprstring::expr_string(ast, *values.get(i)?))
        }
        Spec::Type { .. } => None,
    })
}

/// `type Name ...` as written in the source, for the type name declared at `name`.
fn type_source(db: &dyn SourceDatabase, file: SourceFile, name: TextRange) -> Option<String> {
    let ast = base_db::file_ast(db, file);
    let text = file.text(db);
    ast.decls.iter().find_map(|&decl| {
        let Decl::Gen(gen_decl) = ast.decl(decl) else {
            return None;
        };
        gen_decl.specs.iter().find_map(|spec| match spec {
            Spec::Type { name: n, range, .. } if n.range == name => {
                Some(format!("type {}", text.get(range.as_usize())?))
            }
            _ => None,
        })
    })
}

/// The doc comment of the declaration whose name is at `offset`: the `//` comment lines right
/// above its line (directives such as `//go:noinline` left out), or a `/* */` block ending
/// there, with the comment markers removed.
pub(crate) fn doc_comment(text: &str, offset: u32) -> Option<String> {
    let line_start = text[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let mut lines: Vec<&str> = Vec::new();
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end - 1].trim();
        if let Some(comment) = line.strip_prefix("//") {
            lines.push(comment);
            end = start;
            continue;
        }
        if lines.is_empty() && line.ends_with("*/") {
            let block_start = text[..end - 1].rfind("/*")?;
            let inner = &text[block_start + 2..text[..end - 1].rfind("*/")?];
            return Some(inner.trim_matches('\n').to_string()).filter(|s| !s.trim().is_empty());
        }
        break;
    }
    lines.reverse();
    let is_directive = |l: &&str| {
        let l = l.trim_end();
        l.starts_with("go:") || l.starts_with("line ") || l.starts_with("export ")
    };
    let lines: Vec<&str> = lines
        .into_iter()
        .filter(|l| !is_directive(l))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let doc = lines.join("\n");
    (!doc.trim().is_empty()).then_some(doc)
}

/// `[`pkg.Name` on pkg.go.dev](https://pkg.go.dev/path#Name)` for an exported package-level
/// object, or an exported method of an exported type.
fn pkg_go_dev_link(facts: &Facts<'_>, obj: ObjId) -> Option<String> {
    let world = facts.world;
    let o = world.obj(obj);
    let pkg = world.package(o.pkg?);
    if !o.is_exported() || pkg.fake {
        return None;
    }
    let anchor = match &o.kind {
        ObjKind::Func { .. } => match world.ty(o.ty) {
            Type::Signature(sig) if sig.recv.is_some() => {
                let recv = world.obj(sig.recv?).ty;
                let base = match world.ty(recv) {
                    Type::Pointer(elem) => *elem,
                    _ => recv,
                };
                let Type::Named(named) = world.ty(base) else {
                    return None;
                };
                let type_name = &world.obj(named.obj).name;
                if !type_name.starts_with(|c: char| c.is_uppercase()) {
                    return None;
                }
                let anchor = format!("{type_name}.{}", o.name);
                return Some(format!(
                    "[`({}.{type_name}).{}` on pkg.go.dev](https://pkg.go.dev/{}#{anchor})",
                    pkg.name, o.name, pkg.path
                ));
            }
            _ => o.name.to_string(),
        },
        ObjKind::Var(info) if info.is_field => return None,
        ObjKind::Var(info) if !info.is_package => return None,
        ObjKind::Const(_) | ObjKind::Var(_) | ObjKind::TypeName => {
            if o.parent != Some(pkg.scope) {
                return None;
            }
            o.name.to_string()
        }
        _ => return None,
    };
    Some(format!(
        "[`{}.{anchor}` on pkg.go.dev](https://pkg.go.dev/{}#{anchor})",
        pkg.name, pkg.path
    ))
}
