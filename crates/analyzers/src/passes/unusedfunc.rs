//! unusedfunc: unexported functions, methods, types, variables and constants that nothing
//! refers to (outside their own declaration).

use std::collections::{HashMap, HashSet};

use hir::objects::{ObjId, ObjKind};
use hir::types::Type;
use syntax::TextRange;
use syntax::ast::{Decl, DeclId, GenKind, Name, Spec};

use crate::passes::unusedvariable::{delete_decl, delete_spec, delete_var};
use crate::util::is_generated;
use crate::walk::Node;
use crate::{Analyzer, Edit, Fix, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "unusedfunc",
    doc: "check for unused functions, methods, etc\n\n\
          Reports unexported functions and methods that nothing refers to except their own \
          declaration, and likewise unexported types, variables and constants. A method \
          named like a method of an interface declared in the package may be called through \
          that interface, so it counts as used; so do `main` and `init`, declarations with a \
          `//go:linkname` doc comment, and every constant of a group of same-typed constants \
          (an enumeration) once one of them is used. The standard library is skipped, for \
          its intrinsics and linknames; so are generated files. The fix deletes the \
          declaration.",
    suite: Suite::Gopls,
    default_enabled: true,
    severity: Severity::Info,
    run_despite_errors: false,
    fixes_errors: false,
    run,
};

/// What a use refers to: an object, or a method by its type and name (uses of a generic
/// type's method go to the instance's copy of it).
#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Obj(ObjId),
    Method(ObjId, Box<str>),
}

struct Uses {
    /// Where each object is used: (file index, offset).
    sites: HashMap<Key, Vec<(usize, u32)>>,
}

impl Uses {
    /// Whether the object declared at `name` is used outside `own` (its declaration).
    fn used_outside(&self, pass: &Pass<'_>, file: usize, name: &Name, own: TextRange) -> bool {
        let Some(obj) = pass.def_of(file, name) else {
            // Not recorded: assume it is used rather than suggest deleting it.
            return true;
        };
        let Some(sites) = self.sites.get(&key(pass, obj)) else {
            return false;
        };
        sites
            .iter()
            .any(|&(f, offset)| f != file || !(own.start <= offset && offset < own.end))
    }
}

fn key(pass: &Pass<'_>, obj: ObjId) -> Key {
    let world = pass.world;
    let o = world.obj(obj);
    if let ObjKind::Func { .. } = o.kind
        && let Type::Signature(sig) = world.ty(o.ty)
        && let Some(recv) = sig.recv
    {
        let mut ty = world.obj(recv).ty;
        if let Type::Pointer(elem) = world.ty(ty) {
            ty = *elem;
        }
        if let Type::Named(named) = world.ty(ty) {
            return Key::Method(named.obj, o.name.clone());
        }
    }
    Key::Obj(obj)
}

/// Whether `path` is a standard library package (by its first element).
fn is_std(path: &str) -> bool {
    const ROOTS: &[&str] = &[
        "archive",
        "bufio",
        "builtin",
        "bytes",
        "cmp",
        "compress",
        "container",
        "context",
        "crypto",
        "database",
        "debug",
        "embed",
        "encoding",
        "errors",
        "expvar",
        "flag",
        "fmt",
        "go",
        "hash",
        "html",
        "image",
        "index",
        "internal",
        "io",
        "iter",
        "log",
        "maps",
        "math",
        "mime",
        "net",
        "os",
        "path",
        "plugin",
        "reflect",
        "regexp",
        "runtime",
        "slices",
        "sort",
        "strconv",
        "strings",
        "structs",
        "sync",
        "syscall",
        "testing",
        "text",
        "time",
        "unicode",
        "unique",
        "unsafe",
        "vendor",
        "weak",
        "cmd",
    ];
    let path = path.strip_suffix("_test").unwrap_or(path);
    let first = path.split('/').next().unwrap_or(path);
    ROOTS.contains(&first)
}

fn run(pass: &mut Pass<'_>) {
    if is_std(pass.path()) {
        return;
    }
    let mut sites: HashMap<Key, Vec<(usize, u32)>> = HashMap::new();
    for (&(file, offset), &obj) in &pass.info.uses {
        sites
            .entry(key(pass, obj))
            .or_default()
            .push((file as usize, offset));
    }
    let uses = Uses { sites };
    let interface_methods = crate::util::unexported_interface_methods(pass);
    let mut found = Vec::new();
    for file in 0..pass.files.len() {
        if is_generated(&pass.files[file].text) {
            continue;
        }
        for &decl in &pass.ast(file).decls {
            check_decl(pass, file, decl, &uses, &interface_methods, &mut found);
        }
    }
    for (file, range, message, fix) in found {
        pass.report_with_fixes(file, range, message, vec![fix]);
    }
}

type Finding = (usize, TextRange, String, Fix);

fn check_decl(
    pass: &Pass<'_>,
    file: usize,
    decl: DeclId,
    uses: &Uses,
    interface_methods: &HashSet<&str>,
    found: &mut Vec<Finding>,
) {
    let ast = pass.ast(file);
    let path = [Node::Decl(decl)];
    let doc = match ast.decl(decl) {
        Decl::Func(f) => f.doc,
        Decl::Gen(g) => g.doc,
    };
    if doc.is_some_and(|doc| has_linkname(pass.text(file, doc))) {
        return;
    }
    let mut report = |name: &Name, noun: &str, edits: Vec<Edit>| {
        let fix = Fix {
            message: format!("Delete {noun} \"{name}\"", name = name.as_str()),
            edits,
        };
        let message = format!("{noun} \"{}\" is unused", name.as_str());
        found.push((file, name.range, message, fix));
    };
    match ast.decl(decl) {
        Decl::Func(f) => {
            let name = &f.name;
            if f.recv.is_some() && interface_methods.contains(name.as_str()) {
                return;
            }
            if f.recv.is_none() && matches!(name.as_str(), "init" | "main") {
                return;
            }
            if exempt(name) || uses.used_outside(pass, file, name, f.range) {
                return;
            }
            let noun = if f.recv.is_some() {
                "method"
            } else {
                "function"
            };
            report(name, noun, delete_decl(pass, file, &path, decl));
        }
        Decl::Gen(g) => match g.kind {
            GenKind::Type => {
                for (i, spec) in g.specs.iter().enumerate() {
                    let Spec::Type { name, range, .. } = spec else {
                        continue;
                    };
                    if exempt(name) || uses.used_outside(pass, file, name, *range) {
                        continue;
                    }
                    report(name, "type", delete_spec(pass, file, &path, decl, i));
                }
            }
            GenKind::Const | GenKind::Var => {
                if is_enum(pass, file, decl) {
                    let all_unused = g.specs.iter().all(|spec| match spec {
                        Spec::Value { names, range, .. } => names
                            .iter()
                            .all(|n| !exempt(n) && !uses.used_outside(pass, file, n, *range)),
                        Spec::Type { .. } => false,
                    });
                    if all_unused {
                        let fix = Fix {
                            message: "Delete the constants declaration".to_string(),
                            edits: delete_decl(pass, file, &path, decl),
                        };
                        let range = TextRange::new(g.range.start, g.range.end);
                        let message = "all values in this set of constants are unused";
                        found.push((file, range, message.to_string(), fix));
                    }
                    return;
                }
                let noun = if g.kind == GenKind::Const {
                    "const"
                } else {
                    "var"
                };
                for spec in &g.specs {
                    let Spec::Value { names, range, .. } = spec else {
                        continue;
                    };
                    for name in names {
                        if exempt(name) || uses.used_outside(pass, file, name, *range) {
                            continue;
                        }
                        report(name, noun, delete_var(pass, file, name.range));
                    }
                }
            }
        },
    }
}

/// Exported names may be used by other packages; blank ones cannot be used at all.
fn exempt(name: &Name) -> bool {
    name.is_blank() || name.as_str().chars().next().is_some_and(char::is_uppercase)
}

fn has_linkname(doc: &str) -> bool {
    doc.lines()
        .any(|line| line.trim_start().starts_with("//go:linkname "))
}

/// A `const` group of two or more specs whose constants all have the same type: an
/// enumeration, whose members are used (or not) together.
fn is_enum(pass: &Pass<'_>, file: usize, decl: DeclId) -> bool {
    let Decl::Gen(g) = pass.ast(file).decl(decl) else {
        return false;
    };
    if g.kind != GenKind::Const || g.specs.len() < 2 {
        return false;
    }
    let mut first = None;
    for spec in &g.specs {
        let Spec::Value { names, .. } = spec else {
            return false;
        };
        for name in names {
            let Some(obj) = pass.def_of(file, name) else {
                return false;
            };
            let ty = pass.world.obj(obj).ty;
            match first {
                None => first = Some(ty),
                Some(t) if pass.world.identical(t, ty) => {}
                Some(_) => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "unusedfunc");
    }

    #[test]
    fn std_paths() {
        assert!(super::is_std("net/http"));
        assert!(super::is_std("fmt"));
        assert!(!super::is_std("a"));
        assert!(!super::is_std("example.com/net"));
    }
}
