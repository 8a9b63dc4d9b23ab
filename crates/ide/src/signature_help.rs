//! Signature help: the signature of the call whose parentheses hold the cursor, the parameter
//! the cursor is at, and the callee's doc comment.
//!
//! The call is found in the text, not the syntax tree: while a call is being typed (`f(a, `)
//! the tree has no call node, or one the parser's recovery shaped oddly, but the brackets
//! before the cursor still say which call is open and how many arguments precede the cursor.
//! The callee's type then comes from the checker: the recorded type of the call's function
//! expression (for a generic function, its instance once the type arguments are inferred), or,
//! when the broken call recorded none, the callee's name looked up in the scope at the call.

use base_db::{SourceDatabase, SourceFile};

use hir::World;
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, TypeId};
use hir::typestring::Qualifier;
use syntax::TextRange;
use syntax::ast::{Expr, ExprId};

use crate::doc_markdown;
use crate::hover::doc_comment;
use crate::objstring::qualifier;
use crate::typecheck::site::{self, Facts, Site};

/// The signature of the call around the cursor.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SignatureHelp {
    /// `Println(a ...any) (n int, err error)`.
    pub label: String,
    /// The parameters' byte ranges in `label` (`a ...any`).
    pub parameters: Vec<TextRange>,
    /// The parameter the cursor is at: the number of arguments before it, the last parameter
    /// for every argument of a variadic one. May be past the last parameter (too many
    /// arguments), which clients show as none.
    pub active_parameter: u32,
    /// The callee's doc comment, as Markdown.
    pub documentation: Option<String>,
}

pub(crate) fn signature_help(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
) -> Option<SignatureHelp> {
    let text = file.text(db);
    if offset as usize > text.len() || !text.is_char_boundary(offset as usize) {
        return None;
    }
    let call = open_call(text, offset)?;
    let site = Site::at(db, file, call.lparen)?;
    let checked = site.checked_source(db);
    let found = site.with(|facts| {
        let qf = qualifier(Some(facts.package.package()));
        let callee = checked
            .as_ref()
            .and_then(|source| callee_from_call(facts, &site, source, call.lparen))
            .or_else(|| callee_from_name(facts, &site, &call));
        let Some(callee) = callee else {
            // A built-in function has no signature type: its documentation declaration has.
            let o = facts.world.obj(resolve_name(facts, &site, &call)?);
            let ObjKind::Builtin(_) = o.kind else {
                return None;
            };
            return Some(Answer::Builtin {
                name: o.name.to_string(),
                in_unsafe: o.pkg.is_some(),
            });
        };
        let (label, parameters, variadic) = label(facts.world, &callee, qf);
        let documentation = callee.obj.and_then(|obj| documentation(db, facts, obj));
        Some(Answer::Typed((label, parameters, variadic, documentation)))
    })??;
    // The built-in's declaration is read with the package's checker state unlocked.
    let (label, parameters, variadic, documentation) = match found {
        Answer::Typed(found) => found,
        Answer::Builtin { name, in_unsafe } => builtin(db, &name, in_unsafe)?,
    };
    let mut active = call.commas;
    if variadic {
        active = active.min(parameters.len().saturating_sub(1) as u32);
    }
    Some(SignatureHelp {
        label,
        parameters,
        active_parameter: active,
        documentation,
    })
}

/// A signature's label, its parameters' ranges in it, whether it is variadic, and its doc.
type Found = (String, Vec<TextRange>, bool, Option<String>);

/// What the facts say about the callee.
enum Answer {
    Typed(Found),
    /// A built-in function (of package unsafe when `in_unsafe`).
    Builtin {
        name: String,
        in_unsafe: bool,
    },
}

/// The signature of built-in function `name` (of package unsafe when `in_unsafe`), from its
/// documentation declaration in `$GOROOT/src/builtin/builtin.go` (or `unsafe/unsafe.go`):
/// `append(slice []Type, elems ...Type) []Type`, as gopls shows it.
fn builtin(db: &dyn SourceDatabase, name: &str, in_unsafe: bool) -> Option<Found> {
    let goroot = project_model::db::settings(db).goroot?;
    let (path, package) = if in_unsafe {
        (goroot.join("src/unsafe/unsafe.go"), "unsafe")
    } else {
        (goroot.join("src/builtin/builtin.go"), "builtin")
    };
    let file = base_db::file(db, &path);
    let ast = base_db::file_ast(db, file);
    let text = file.text(db);
    let f = ast.decls.iter().find_map(|&d| match ast.decl(d) {
        syntax::ast::Decl::Func(f) if f.recv.is_none() && &*f.name.text == name => Some(f),
        _ => None,
    })?;
    let source = |e: ExprId| text.get(ast.expr_range(e).as_usize()).unwrap_or("");
    let mut label = format!("{name}(");
    let mut parameters = Vec::new();
    let mut variadic = false;
    let params = f
        .sig
        .params
        .iter()
        .flat_map(|field| {
            let names: Vec<Option<&str>> = if field.names.is_empty() {
                vec![None]
            } else {
                field.names.iter().map(|n| Some(n.as_str())).collect()
            };
            names.into_iter().map(move |n| (n, field.ty))
        })
        .collect::<Vec<_>>();
    for (i, (param, ty)) in params.iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
        }
        let start = label.len() as u32;
        if let Some(param) = param {
            label.push_str(param);
            label.push(' ');
        }
        label.push_str(source(*ty));
        parameters.push(TextRange::new(start, label.len() as u32));
        variadic = matches!(ast.expr(*ty), Expr::Ellipsis(_));
    }
    label.push(')');
    let results: Vec<String> = f
        .sig
        .results
        .iter()
        .map(|field| {
            let names: Vec<&str> = field.names.iter().map(|n| n.as_str()).collect();
            match names.as_slice() {
                [] => source(field.ty).to_string(),
                _ => format!("{} {}", names.join(", "), source(field.ty)),
            }
        })
        .collect();
    match results.as_slice() {
        [] => {}
        [single] if f.sig.results[0].names.is_empty() => {
            label.push(' ');
            label.push_str(single);
        }
        _ => label.push_str(&format!(" ({})", results.join(", "))),
    }
    let documentation =
        doc_comment(text, f.name.range.start).map(|doc| doc_markdown::to_markdown(&doc, package));
    Some((label, parameters, variadic, documentation))
}

/// A call whose arguments the cursor is among: where its `(` is, how many top-level commas
/// separate the `(` from the cursor, and the tokens right before the `(` (the callee as
/// written: `f`, `x.m`, `pkg.F[int]`).
#[derive(Debug)]
struct OpenCall {
    lparen: u32,
    commas: u32,
    /// Identifiers and dots before the `(` (type arguments skipped), in order:
    /// `["pkg", "F"]` for `pkg.F[int](`; empty when the callee is not a name or selector.
    callee: Vec<(String, u32)>,
}

/// What the token before a bracket was.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prev {
    /// An identifier that is not a keyword.
    Name,
    /// `)`, `]` or `}`.
    Close,
    Keyword,
    Other,
}

/// An open bracket on the way to the cursor.
#[derive(Debug)]
struct Frame {
    open: u8,
    at: u32,
    commas: u32,
    /// A `func` keyword was seen directly inside this bracket since its last comma: the next
    /// `(` is a parameter or result list and the next `{` a function body.
    saw_func: bool,
    kind: FrameKind,
    /// For a `(`, the names and dots before it (see [`OpenCall::callee`]); for a `[`, those
    /// before it, which still name the callee after type arguments (`F[int](`).
    callee: Vec<(String, u32)>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum FrameKind {
    /// A call's `(`.
    Call,
    /// Grouping parentheses, brackets, composite literals: the call outside still counts.
    Transparent,
    /// A block, a function body or a parameter list: no call outside it counts.
    Opaque,
}

/// The innermost call whose parentheses hold `offset`, found by scanning the text from the
/// start of the top-level declaration the cursor is in. Strings, runes and comments are
/// skipped.
fn open_call(text: &str, offset: u32) -> Option<OpenCall> {
    let bytes = text.as_bytes();
    let end = offset as usize;
    let start = declaration_start(text, end);
    let mut stack: Vec<Frame> = Vec::new();
    // `func` seen outside every bracket (a declaration's signature).
    let mut top_saw_func = false;
    let mut prev = Prev::Other;
    // The names and dots just before: `pkg.F` or `x.f.m` (a callee, if a `(` follows).
    let mut chain: Vec<(String, u32)> = Vec::new();
    let mut after_dot = false;
    let mut i = start;
    // The cursor inside a literal or comment ends the scan there: the brackets before it
    // still hold (`f("x` is in f's arguments).
    'scan: while i < end {
        let c = bytes[i];
        match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                match text[i..end].find('\n') {
                    Some(n) => i += n,
                    None => break 'scan,
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                match text[i + 2..end].find("*/") {
                    Some(n) => i += n + 4,
                    None => break 'scan,
                }
                continue;
            }
            b'"' | b'\'' | b'`' => {
                match skip_quoted(bytes, i, end) {
                    Some(next) => i = next,
                    None => break 'scan,
                }
                prev = Prev::Other;
                chain.clear();
                continue;
            }
            b'(' | b'[' | b'{' => {
                let saw_func = match stack.last_mut() {
                    Some(f) => std::mem::take(&mut f.saw_func),
                    None => std::mem::take(&mut top_saw_func),
                };
                let parent = stack.last().map(|f| (f.open, f.kind));
                let kind = match c {
                    b'(' if saw_func => FrameKind::Opaque,
                    b'(' if matches!(prev, Prev::Name | Prev::Close) => FrameKind::Call,
                    b'(' | b'[' => FrameKind::Transparent,
                    // A function literal's body, or a block.
                    _ if saw_func => FrameKind::Opaque,
                    _ => match parent {
                        Some((b'(' | b'[', _)) => FrameKind::Transparent,
                        Some((b'{', FrameKind::Transparent)) => FrameKind::Transparent,
                        _ => FrameKind::Opaque,
                    },
                };
                // A function's parameters and results: `func` stays seen until its body.
                let keep_func = saw_func && c == b'(';
                after_dot = false;
                stack.push(Frame {
                    open: c,
                    at: i as u32,
                    commas: 0,
                    saw_func: false,
                    kind,
                    callee: std::mem::take(&mut chain),
                });
                if keep_func {
                    let n = stack.len();
                    if n >= 2 {
                        stack[n - 2].saw_func = true;
                    } else {
                        top_saw_func = true;
                    }
                }
                prev = Prev::Other;
            }
            b')' | b']' | b'}' => {
                let open = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                // A stray closer is skipped; a closer of an outer bracket closes the inner
                // ones left open (recovery from unbalanced text).
                chain.clear();
                if let Some(pos) = stack.iter().rposition(|f| f.open == open) {
                    // `F[int]`: the name before type arguments still names the callee.
                    if c == b']' {
                        chain = std::mem::take(&mut stack[pos].callee);
                    }
                    stack.truncate(pos);
                }
                after_dot = false;
                prev = Prev::Close;
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    f.commas += 1;
                    f.saw_func = false;
                }
                prev = Prev::Other;
                chain.clear();
            }
            _ if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => {
                let len = text[i..end]
                    .find(|ch: char| !(ch == '_' || ch.is_alphanumeric()))
                    .unwrap_or(end - i);
                if len == 0 {
                    // A character Go does not allow here (`→`): skipped whole.
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    prev = Prev::Other;
                    chain.clear();
                    continue;
                }
                let word = &text[i..i + len];
                if word == "func" {
                    match stack.last_mut() {
                        Some(f) => f.saw_func = true,
                        None => top_saw_func = true,
                    }
                }
                if is_keyword(word) {
                    prev = Prev::Keyword;
                    chain.clear();
                } else {
                    prev = Prev::Name;
                    if !after_dot {
                        chain.clear();
                    }
                    chain.push((word.to_string(), i as u32));
                }
                after_dot = false;
                i += len;
                continue;
            }
            b'0'..=b'9' => {
                // A number (its letters are not a name).
                while i < end && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
                prev = Prev::Other;
                chain.clear();
                continue;
            }
            b'.' if prev == Prev::Name && !chain.is_empty() => {
                after_dot = true;
                prev = Prev::Other;
            }
            // A statement ends: a `func` before it was a type (`var f func()`), not the
            // start of a literal whose body could follow.
            b'\n' | b';' => {
                match stack.last_mut() {
                    Some(f) => f.saw_func = false,
                    None => top_saw_func = false,
                }
                if c == b';' {
                    prev = Prev::Other;
                    chain.clear();
                    after_dot = false;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            _ => {
                prev = Prev::Other;
                chain.clear();
                after_dot = false;
            }
        }
        i += 1;
    }
    for frame in stack.iter().rev() {
        match frame.kind {
            FrameKind::Call => {
                return Some(OpenCall {
                    lparen: frame.at,
                    commas: frame.commas,
                    callee: frame.callee.clone(),
                });
            }
            FrameKind::Transparent => {}
            FrameKind::Opaque => return None,
        }
    }
    None
}

/// Where the top-level declaration holding `offset` starts: the last line before it that
/// starts, in column 0, with a declaration keyword (gofmt puts them there), or the file's
/// start.
fn declaration_start(text: &str, offset: usize) -> usize {
    let mut line_end = offset;
    while let Some(nl) = text[..line_end].rfind('\n') {
        let line = &text[nl + 1..];
        let starts = ["func", "var", "const", "type", "import", "package"]
            .iter()
            .any(|k| line.starts_with(k) && line[k.len()..].starts_with([' ', '(', '\t']));
        if starts && nl + 1 < offset {
            return nl + 1;
        }
        line_end = nl;
    }
    0
}

/// The index just past the string, raw string or rune literal starting at `i`; `None` when
/// it is not closed before `end` (the cursor is inside it).
fn skip_quoted(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let quote = bytes[i];
    let mut j = i + 1;
    while j < end {
        match bytes[j] {
            b'\\' if quote != b'`' => j += 2,
            b'\n' if quote != b'`' => return Some(j),
            c if c == quote => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "break"
            | "case"
            | "chan"
            | "const"
            | "continue"
            | "default"
            | "defer"
            | "else"
            | "fallthrough"
            | "for"
            | "func"
            | "go"
            | "goto"
            | "if"
            | "import"
            | "interface"
            | "map"
            | "package"
            | "range"
            | "return"
            | "select"
            | "struct"
            | "switch"
            | "type"
            | "var"
    )
}

/// What is called: its signature, and the object it names (a function, a method, a variable
/// of function type) when there is one.
struct Callee {
    name: String,
    sig: TypeId,
    obj: Option<ObjId>,
}

/// The callee of the call whose `(` is at file offset `lparen`, from the recorded type of
/// the call's function expression.
fn callee_from_call(
    facts: &Facts<'_>,
    site: &Site,
    source: &hir::SourceFile,
    lparen: u32,
) -> Option<Callee> {
    let at = site.to_checked(lparen);
    let ast = &source.ast;
    let text = &source.text;
    // The call whose function expression ends right before the `(` (comments aside).
    let fun = ast.exprs.iter().find_map(|e| {
        let Expr::Call { fun, .. } = e else {
            return None;
        };
        let fun_end = ast.expr_range(*fun).end;
        let between = text.get(fun_end as usize..at as usize)?;
        (text.as_bytes().get(at as usize) == Some(&b'(') && blank(between)).then_some(*fun)
    })?;
    let tv = facts.info.types.get(&(facts.index, fun))?;
    if tv.is_type || !is_signature(facts.world, tv.ty) {
        return None;
    }
    let name_at = callee_name(ast, fun);
    let obj = name_at.and_then(|(_, start)| {
        let key = (facts.index, start);
        facts
            .info
            .uses
            .get(&key)
            .or_else(|| facts.info.defs.get(&key))
            .copied()
    });
    Some(Callee {
        name: name_at.map_or_else(|| "func".to_string(), |(name, _)| name.to_string()),
        sig: tv.ty,
        obj,
    })
}

/// Whether `s` holds only white space and comments.
fn blank(s: &str) -> bool {
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("/*") {
            let Some(end) = r.find("*/") else {
                return false;
            };
            rest = r[end + 2..].trim_start();
        } else if rest.starts_with("//") {
            let Some(end) = rest.find('\n') else {
                return true;
            };
            rest = rest[end..].trim_start();
        } else {
            return false;
        }
    }
    true
}

/// The name a function expression calls by, with its start: `f`, `m` of `x.m`, `F` of
/// `F[int]` and of `(F)`.
fn callee_name(ast: &syntax::ast::File, fun: ExprId) -> Option<(&str, u32)> {
    match ast.expr(fun) {
        Expr::Name(name) => Some((name.as_str(), name.range.start)),
        Expr::Selector { sel, .. } => Some((sel.as_str(), sel.range.start)),
        Expr::Index { x, .. } | Expr::Paren(x) => callee_name(ast, *x),
        _ => None,
    }
}

/// The object the tokens before the call's `(` name: `f`, `pkg.F`, `x.m`, `x.f.m`, each
/// name after the first looked up in the package or type before it.
fn resolve_name(facts: &Facts<'_>, site: &Site, call: &OpenCall) -> Option<ObjId> {
    let world = facts.world;
    let ((first, first_at), rest) = call.callee.split_first()?;
    let mut obj = match facts.object_at(*first_at) {
        Some(obj) => obj,
        None => {
            let scope = facts
                .info
                .innermost_scope(facts.index, site.to_checked(*first_at))
                .unwrap_or_else(|| world.package(facts.package.package()).scope);
            world.lookup_parent(scope, first)?.1
        }
    };
    for (name, _) in rest {
        let o = world.obj(obj);
        obj = match &o.kind {
            ObjKind::PkgName { imported } => {
                world.lookup_local(world.package(*imported).scope, name)?
            }
            ObjKind::Var(_) => {
                let found =
                    world.lookup_field_or_method(o.ty, true, Some(facts.package.package()), name);
                found.obj?
            }
            _ => return None,
        };
    }
    Some(obj)
}

/// The callee named by the tokens before the call's `(`, looked up in the scope at the call:
/// `f`, `pkg.F`, `x.m`, `x.f.m`. For calls the checker recorded nothing about.
fn callee_from_name(facts: &Facts<'_>, site: &Site, call: &OpenCall) -> Option<Callee> {
    let world = facts.world;
    let obj = resolve_name(facts, site, call)?;
    let o = world.obj(obj);
    if matches!(o.kind, ObjKind::TypeName | ObjKind::PkgName { .. }) {
        return None;
    }
    let sig = method_value(world, o.ty);
    is_signature(world, sig).then(|| Callee {
        name: o.name.to_string(),
        sig,
        obj: Some(obj),
    })
}

/// A function type as called: a signature (a method's, its receiver aside), possibly behind
/// a defined function type.
fn method_value(world: &World, ty: TypeId) -> TypeId {
    match world.ty(ty) {
        Type::Signature(_) => ty,
        _ => world.under(ty),
    }
}

fn is_signature(world: &World, ty: TypeId) -> bool {
    matches!(world.ty(world.under(ty)), Type::Signature(_))
}

/// `name[T any](a int, b ...string) (n int, err error)`, the parameters' ranges in it, and
/// whether the last parameter is variadic. The checker records a generic function's
/// instance as its call's function expression type once it inferred the type arguments; until
/// then the signature is generic, its type parameters listed.
fn label(world: &World, callee: &Callee, qf: Qualifier<'_>) -> (String, Vec<TextRange>, bool) {
    let Type::Signature(sig) = world.ty(world.under(callee.sig)) else {
        return (callee.name.clone(), Vec::new(), false);
    };
    let ts = |t: TypeId| world.type_string(t, qf);
    let mut out = callee.name.clone();
    if !sig.type_params.is_empty() {
        // `[K comparable, V any]`, with neighbours of one constraint grouped as go/types
        // prints them: `[T, U any]`.
        let mut groups: Vec<(Vec<String>, String)> = Vec::new();
        for &p in &sig.type_params {
            let (name, bound) = match world.ty(p) {
                Type::TypeParam { obj, bound, .. } => {
                    (world.obj(*obj).name.to_string(), ts(*bound))
                }
                _ => (ts(p), String::new()),
            };
            match groups.last_mut() {
                Some((names, b)) if *b == bound => names.push(name),
                _ => groups.push((vec![name], bound)),
            }
        }
        let groups: Vec<String> = groups
            .into_iter()
            .map(|(names, bound)| format!("{} {bound}", names.join(", ")))
            .collect();
        out.push_str(&format!("[{}]", groups.join(", ")));
    }
    out.push('(');
    let vars = world.tuple_vars(sig.params);
    let mut ranges = Vec::new();
    for (i, &v) in vars.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let start = out.len() as u32;
        let var = world.obj(v);
        if !var.name.is_empty() {
            out.push_str(&var.name);
            out.push(' ');
        }
        match world.ty(var.ty) {
            Type::Slice(elem) if sig.variadic && i == vars.len() - 1 => {
                out.push_str("...");
                out.push_str(&ts(*elem));
            }
            _ => out.push_str(&ts(var.ty)),
        }
        ranges.push(TextRange::new(start, out.len() as u32));
    }
    out.push(')');
    let results = world.tuple_vars(sig.results);
    match results {
        [] => {}
        [single] if world.obj(*single).name.is_empty() => {
            out.push(' ');
            out.push_str(&ts(world.obj(*single).ty));
        }
        _ => {
            out.push(' ');
            out.push_str(&ts(sig.results));
        }
    }
    (out, ranges, sig.variadic)
}

/// The doc comment of the callee's declaration, as Markdown.
fn documentation(db: &dyn SourceDatabase, facts: &Facts<'_>, obj: ObjId) -> Option<String> {
    let (file, range) = site::object_location(db, facts, obj)?;
    let doc = doc_comment(file.text(db), range.start)?;
    let o = facts.world.obj(obj);
    let package_path = o.pkg.map_or("", |p| &*facts.world.package(p).path);
    Some(doc_markdown::to_markdown(&doc, package_path))
}
