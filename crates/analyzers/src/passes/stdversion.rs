//! stdversion: uses of standard library symbols newer than the file's Go version.
//!
//! Which release introduced each symbol is read from the toolchain's API lists,
//! `$GOROOT/api/go1*.txt` (the data go vet's table is generated from), once per process.
//! GOROOT is `$GOROOT` or `go env GOROOT`; without a toolchain the analyzer reports nothing.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use hir::PackageId;
use hir::objects::{ObjId, Pos};
use syntax::TextRange;

use crate::util::{file_go_version, is_generated};
use crate::{Analyzer, Pass, Severity, Suite};

pub static ANALYZER: Analyzer = Analyzer {
    name: "stdversion",
    doc: "report uses of too-new standard library symbols\n\n\
          A reference to a standard library symbol introduced in a Go release later than the \
          one in force in the referring file (its module's go directive, or the file's \
          //go:build go1.N line) does not build with that release. Modules older than go1.21 \
          are not checked, and neither is a too-new field or method of a type that is itself \
          too new (a compatibility shim may declare the type differently for older releases).",
    suite: Suite::Vet,
    default_enabled: true,
    severity: Severity::Warning,
    run_despite_errors: true,
    fixes_errors: false,
    run,
};

/// A symbol of a package's API, as the API lists name it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Symbol {
    /// A package-level const, var, func or type.
    Member(String),
    /// A struct field `T.F`.
    Field(String, String),
    /// A method `(T).M` or `(*T).M` (interface methods included): pointer receiver, type,
    /// method.
    Method(bool, String, String),
}

/// Each std package's symbols with the minor version that introduced them (0 for go1).
type Table = HashMap<String, HashMap<Symbol, u32>>;

/// Objects too new for one version: by declaration position and name, so that the fields
/// and methods of instances of generic types match their origin's.
type Disallowed = HashMap<(Pos, Box<str>), u32>;

fn run(pass: &mut Pass<'_>) {
    let (_, package_minor) = pass.go_version();
    if package_minor < 21 {
        // Before go1.21 the go directive did not clearly require a toolchain.
        return;
    }
    let Some(table) = table() else {
        return;
    };
    let mut memo: HashMap<(PackageId, u32), Disallowed> = HashMap::new();
    for file in 0..pass.files.len() {
        let text: &str = &pass.files[file].text;
        if is_generated(text) {
            continue;
        }
        let (_, file_minor) = file_go_version(pass, file);
        let noun = if file_minor == package_minor {
            "module"
        } else {
            "file"
        };
        let mut uses: Vec<(u32, ObjId)> = pass
            .info
            .uses
            .iter()
            .filter(|((f, _), _)| *f as usize == file)
            .map(|(&(_, offset), &obj)| (offset, obj))
            .collect();
        uses.sort();
        for (offset, obj) in uses {
            let world = pass.world;
            let o = world.obj(obj);
            let Some(pkg) = o.pkg else { continue };
            let Some(symbols) = table.get(&*world.package(pkg).path) else {
                continue;
            };
            let disallowed = memo
                .entry((pkg, file_minor))
                .or_insert_with(|| too_new(pass, pkg, symbols, file_minor));
            let Some(&minor) = disallowed.get(&(o.pos, o.name.clone())) else {
                continue;
            };
            let message = format!(
                "{}.{} requires go1.{minor} or later ({noun} is go1.{file_minor})",
                world.package(pkg).name,
                o.name
            );
            let range = TextRange::new(offset, offset + o.name.len() as u32);
            pass.report(file, range, message);
        }
    }
}

/// The objects of `pkg` introduced after `minor` (go vet's `TooNewStdSymbols`): members, then
/// the fields and methods of types that are themselves old enough.
fn too_new(
    pass: &Pass<'_>,
    pkg: PackageId,
    symbols: &HashMap<Symbol, u32>,
    minor: u32,
) -> Disallowed {
    let world = pass.world;
    let scope = world.package(pkg).scope;
    let key = |obj: ObjId| (world.obj(obj).pos, world.obj(obj).name.clone());
    let mut out = Disallowed::new();
    let mut new_types: Vec<&str> = Vec::new();
    for (symbol, &v) in symbols {
        if let Symbol::Member(name) = symbol
            && v > minor
            && let Some(obj) = world.lookup_local(scope, name)
        {
            out.insert(key(obj), v);
            new_types.push(name);
        }
    }
    for (symbol, &v) in symbols {
        if v <= minor {
            continue;
        }
        let (type_name, pointer, name) = match symbol {
            Symbol::Member(_) => continue,
            Symbol::Field(t, f) => (t, false, f),
            Symbol::Method(ptr, t, m) => (t, *ptr, m),
        };
        if new_types.contains(&type_name.as_str()) {
            continue;
        }
        let Some(t) = world.lookup_local(scope, type_name) else {
            continue;
        };
        let found = world.lookup_field_or_method(world.obj(t).ty, pointer, Some(pkg), name);
        if let Some(obj) = found.obj {
            out.insert(key(obj), v);
        }
    }
    out
}

/// The API table of the toolchain in use, read once; `None` without a toolchain.
fn table() -> Option<&'static Table> {
    static TABLE: OnceLock<Option<Table>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let env =
                project_model::toolchain::detect(&project_model::toolchain::ProcessEnv::default());
            read_api(&env.goroot?.join("api"))
        })
        .as_ref()
}

/// Reads `go1.txt`, `go1.1.txt`, ... from an API directory, keeping each symbol's earliest
/// release.
fn read_api(dir: &Path) -> Option<Table> {
    let mut table = Table::new();
    let mut found = false;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let minor = match name.strip_suffix(".txt") {
            Some("go1") => 0,
            Some(v) => match v.strip_prefix("go1.").and_then(|m| m.parse().ok()) {
                Some(m) => m,
                None => continue,
            },
            None => continue,
        };
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        found = true;
        for line in text.lines() {
            let Some((pkg, symbol)) = parse_api_line(line) else {
                continue;
            };
            let v = table.entry(pkg).or_default().entry(symbol).or_insert(minor);
            *v = (*v).min(minor);
        }
    }
    found.then_some(table)
}

/// One line of an API list: `pkg io, type Reader interface, Read([]uint8) (int, error)`,
/// `pkg sync/atomic, method (*Pointer[$0]) Load() *$0`, `pkg os (linux-386), const O_RDONLY
/// = 0`, ...
fn parse_api_line(line: &str) -> Option<(String, Symbol)> {
    let rest = line.strip_prefix("pkg ")?;
    let (pkg, rest) = rest.split_once(", ")?;
    // A port-specific entry: `os (linux-386)`.
    let pkg = pkg.split(' ').next()?.to_string();
    let (kind, rest) = rest.split_once(' ')?;
    let symbol = match kind {
        "const" | "var" | "func" => Symbol::Member(ident(rest).to_string()),
        "method" => {
            let recv = rest.strip_prefix('(')?;
            let (recv, rest) = recv.split_once(") ")?;
            let (pointer, recv) = match recv.strip_prefix('*') {
                Some(r) => (true, r),
                None => (false, recv),
            };
            Symbol::Method(pointer, ident(recv).to_string(), ident(rest).to_string())
        }
        "type" => {
            let name = ident(rest).to_string();
            let after = skip_brackets(&rest[name.len()..]);
            if let Some(field) = after.strip_prefix(" struct, ") {
                let field = match field.strip_prefix("embedded ") {
                    Some(t) => embedded_name(t),
                    None => ident(field),
                };
                Symbol::Field(name, field.to_string())
            } else if let Some(method) = after.strip_prefix(" interface, ") {
                if method.starts_with("unexported methods") {
                    return None;
                }
                Symbol::Method(false, name, ident(method).to_string())
            } else {
                Symbol::Member(name)
            }
        }
        _ => return None,
    };
    Some((pkg, symbol))
}

/// The identifier `s` begins with.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// `s` after a leading bracketed type parameter list, if any.
fn skip_brackets(s: &str) -> &str {
    if !s.starts_with('[') {
        return s;
    }
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return &s[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// The field name of an embedded type: `*pkg.T[X]` embeds `T`.
fn embedded_name(t: &str) -> &str {
    let t = t.trim_start_matches('*');
    let t = t.rsplit('.').next().unwrap_or(t);
    ident(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        crate::testing::check(&super::ANALYZER, "stdversion");
    }

    #[test]
    fn api_lines() {
        let sym = |l: &str| parse_api_line(l).map(|(p, s)| (p, s));
        let member = |s: &str| Symbol::Member(s.into());
        assert_eq!(
            sym(
                "pkg slices, func Contains[$0 interface{ ~[]$1 }, $1 comparable]($0, $1) bool #57433"
            ),
            Some(("slices".into(), member("Contains")))
        );
        assert_eq!(
            sym("pkg os (linux-386), const O_RDONLY = 0"),
            Some(("os".into(), member("O_RDONLY")))
        );
        assert_eq!(
            sym("pkg sync/atomic, method (*Pointer[$0]) Load() *$0 #50860"),
            Some((
                "sync/atomic".into(),
                Symbol::Method(true, "Pointer".into(), "Load".into())
            ))
        );
        assert_eq!(
            sym("pkg database/sql, type Null[$0 interface{}] struct, V $0 #60370"),
            Some((
                "database/sql".into(),
                Symbol::Field("Null".into(), "V".into())
            ))
        );
        assert_eq!(
            sym("pkg net/http, type HandlerFunc func(ResponseWriter, *Request)"),
            Some(("net/http".into(), member("HandlerFunc")))
        );
        assert_eq!(
            sym("pkg io, type Reader interface, Read([]uint8) (int, error)"),
            Some((
                "io".into(),
                Symbol::Method(false, "Reader".into(), "Read".into())
            ))
        );
        assert_eq!(
            sym("pkg runtime, type BlockProfileRecord struct, embedded StackRecord"),
            Some((
                "runtime".into(),
                Symbol::Field("BlockProfileRecord".into(), "StackRecord".into())
            ))
        );
        assert_eq!(
            sym("pkg syscall, type Node interface, unexported methods"),
            None
        );
    }
}
