//! Completion: what can be written at the cursor, ranked.
//!
//! The pipeline: the text around the cursor ([`context`]) says what is being typed (a name, a
//! member after `.`, a label after `break`) and where (a statement's start, the top level);
//! the checker's facts ([`crate::typecheck::patched`]: the cursor's function body, patched so
//! that it has an expression at the cursor and checked once) give the names in scope
//! ([`scope`]), the members of the selector's base ([`members`]) and the type the position
//! expects ([`expected`]); packages the file does not import are found by name
//! ([`unimported`]). Every candidate is matched against the typed prefix ([`fuzzy`]) and
//! scored: match quality, then the expected type, then scope proximity.
//!
//! Code being typed is broken code: where the package is not checked (syntax errors outside
//! function bodies), what the syntax gives is offered (keywords, the file's declarations, the
//! members of imported packages).

mod context;
mod expected;
mod fuzzy;
mod keywords;
mod members;
mod scope;
mod unimported;

use base_db::{SourceDatabase, SourceFile};
use hir::World;
use hir::objects::{ObjId, ObjKind};
use hir::types::{Type, TypeId};
use hir::typestring::Qualifier;
use syntax::{TextEdit, TextRange};

use crate::objstring;
use crate::typecheck::patched::{self, Checked};

/// What kind of thing a completion inserts, in Go's words.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CompletionKind {
    Var,
    Const,
    Func,
    Method,
    Field,
    Type,
    Interface,
    Package,
    Keyword,
    Snippet,
    Label,
}

/// One completion: a label to show, the text to put in place of `range`, and edits elsewhere
/// (an import to add).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// The candidate as a Go declaration (`func Println(a ...any) (n int, err error)`).
    pub detail: Option<String>,
    /// What replaces `range`: plain text, or a snippet (`f(${1:})`) when `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// What the insert text replaces, as byte offsets: the identifier around the cursor, from
    /// the start of what is typed before it to the end of the identifier after it.
    pub range: TextRange,
    /// Edits elsewhere in the file, such as adding an import.
    pub additional_edits: Vec<TextEdit>,
    /// Higher is better.
    pub score: u32,
}

/// What the client can take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompletionConfig {
    /// The client supports snippets (`${1:}` placeholders).
    pub snippets: bool,
}

/// At most this many items: editors filter further as the user types.
pub const COMPLETION_LIMIT: usize = 100;

/// The name a patched body has at the cursor, where the user has not typed one yet.
const PLACEHOLDER: &str = "_completion_";

/// Score parts, added to the fuzzy match's score (times [`MATCH_WEIGHT`]).
const MATCH_WEIGHT: u32 = 10_000;
pub(crate) const EXPECTED_TYPE: u32 = 5_000;
pub(crate) const PROXIMITY: u32 = 3_000;

pub(crate) fn completions(
    db: &dyn SourceDatabase,
    file: SourceFile,
    offset: u32,
    config: CompletionConfig,
) -> Vec<CompletionItem> {
    let text = file.text(db);
    let Some(lex) = context::lexical(text, offset) else {
        return Vec::new();
    };
    let ast = base_db::file_ast(db, file);
    // No package clause (or the cursor in it): nothing Go can be written there yet.
    match &ast.package {
        Some(name) if name.range.end < lex.prefix.start => {}
        _ => return Vec::new(),
    }
    let prefix = &text[lex.prefix.as_usize()];
    // The whole identifier around the cursor is replaced (accepting `fooBar` with the
    // cursor after `foo` in `fooX` leaves no `X` behind); a `(` after it means the call is
    // written already.
    let ident_end = offset as usize
        + text[offset as usize..]
            .char_indices()
            .find(|&(_, c)| c != '_' && !c.is_alphanumeric())
            .map_or(text.len() - offset as usize, |(i, _)| i);
    let mut acc = Acc {
        prefix,
        range: TextRange::new(lex.prefix.start, ident_end as u32),
        config,
        call_follows: text[ident_end..].starts_with('('),
        items: Vec::new(),
    };
    if let Some(keyword @ ("break" | "continue" | "goto")) = lex.keyword_before.as_deref() {
        keywords::labels(&mut acc, ast, offset, keyword);
        return acc.finish();
    }
    let checked = checked_at(db, file, text, &lex, offset)
        .or_else(|| stale_checked(db, file, text, &lex, offset));
    if lex.dot.is_some() {
        let done = checked
            .as_ref()
            .and_then(|c| members::complete(&mut acc, c, &lex));
        if done.is_none()
            && let Some((name, _)) = &lex.base_name
        {
            unimported::complete(db, &mut acc, file, checked.as_ref(), name);
        }
        return acc.finish();
    }
    match &checked {
        Some(checked) => scope::complete(&mut acc, checked, &lex),
        None => scope::complete_from_syntax(&mut acc, ast),
    }
    if !(lex.line_start && lex.open.is_empty()) {
        unimported::package_names(db, &mut acc, file, checked.as_ref());
    }
    keywords::complete(&mut acc, db, file, text, &lex, offset);
    acc.finish()
}

/// The checker's facts at the cursor: its function body patched and checked, or the package's
/// declarations outside bodies. `None` when the package is not checked.
fn checked_at(
    db: &dyn SourceDatabase,
    file: SourceFile,
    text: &str,
    lex: &context::Lexical,
    offset: u32,
) -> Option<Checked> {
    let Some((key, range)) = patched::body_at(db, file, offset) else {
        return patched::declarations_facts(db, file);
    };
    let decl = &text[range.as_usize()];
    let at = (offset - range.start) as usize;
    let needs_name = lex.prefix.is_empty()
        && !decl[at..]
            .chars()
            .next()
            .is_some_and(|c| c == '_' || c.is_alphanumeric());
    let name = if needs_name { PLACEHOLDER } else { "" };
    // Brackets opened on the cursor's line and not closed before it: `f(a, ` becomes
    // `f(a, _completion_)`. Tried only when the simple patch does not parse.
    let line_begin = text[..offset as usize].rfind('\n').map_or(0, |n| n + 1) as u32;
    let closers: String = lex
        .open
        .iter()
        .rev()
        .filter(|&&(_, at)| at >= line_begin.max(range.start))
        .map(|&(b, _)| match b {
            b'(' => ')',
            b'[' => ']',
            _ => '}',
        })
        .collect();
    let simple = patched::body_source(db, file, &format!("{}{name}{}", &decl[..at], &decl[at..]));
    if name.is_empty() && simple.syntax_errors().is_empty() {
        // The text as it is has what completion needs: the cached check of the body serves
        // (typing a name, or a member after its first letter).
        return patched::cached_body(db, file, &key, range.start, simple);
    }
    let source = if simple.syntax_errors().is_empty() || closers.is_empty() {
        simple
    } else {
        let closed = patched::body_source(
            db,
            file,
            &format!("{}{name}{closers}{}", &decl[..at], &decl[at..]),
        );
        if closed.syntax_errors().len() < simple.syntax_errors().len() {
            closed
        } else {
            simple
        }
    };
    patched::check_patched_body(db, file, &key, range.start, source)
}

/// The facts at the cursor when its package is not checked (a syntax error outside function
/// bodies): the function around the cursor, found in the text (its `func` line and the first
/// `}` line after the cursor), patched to parse (a placeholder, closers for every bracket open
/// inside it) and checked against the last checked state of the package.
fn stale_checked(
    db: &dyn SourceDatabase,
    file: SourceFile,
    text: &str,
    lex: &context::Lexical,
    offset: u32,
) -> Option<Checked> {
    let line_begin = |at: u32| text[..at as usize].rfind('\n').map_or(0, |n| n + 1);
    let brace_index = lex
        .open
        .iter()
        .position(|&(b, at)| b == b'{' && text[line_begin(at)..].starts_with("func"))?;
    let start = line_begin(lex.open[brace_index].1);
    let offset = offset as usize;
    // The function ends at the first line holding only `}` after the cursor (gofmt's shape).
    let end = text[offset..]
        .match_indices("\n}")
        .map(|(i, _)| offset + i + 2)
        .find(|&e| matches!(text.as_bytes().get(e), None | Some(b'\n' | b'\r')));
    let decl = &text[start..end.unwrap_or(text.len())];
    let at = offset - start;
    let name = if lex.prefix.is_empty() {
        PLACEHOLDER
    } else {
        ""
    };
    let closers: String = lex.open[brace_index + 1..]
        .iter()
        .rev()
        .map(|&(b, _)| match b {
            b'(' => ')',
            b'[' => ']',
            _ => '}',
        })
        .collect();
    let tail = if end.is_none() { "\n}" } else { "" };
    let patched = format!("{}{name}{closers}{}{tail}", &decl[..at], &decl[at..]);
    let source = patched::body_source(db, file, &patched);
    patched::check_stale_body(db, file, start as u32, source)
}

/// The items found so far, matched against the prefix as they come. Objects are offered in
/// batches ([`Acc::add_objects`]) ranked before their items are built: a package scope has a
/// thousand names, and only the best [`COMPLETION_LIMIT`] get an item with a declaration.
pub(crate) struct Acc<'a> {
    pub(crate) prefix: &'a str,
    pub(crate) range: TextRange,
    pub(crate) config: CompletionConfig,
    /// A `(` follows the identifier: no call snippets.
    call_follows: bool,
    items: Vec<CompletionItem>,
}

/// An object to offer: the object, its score ([`Acc::score`]), and whether a function value
/// (no call snippet) is wanted.
pub(crate) struct Candidate {
    pub(crate) obj: ObjId,
    pub(crate) score: u32,
    pub(crate) want_value: bool,
}

impl Acc<'_> {
    /// Adds `item` if its label matches the prefix, with `bonus` (expected type, proximity)
    /// added to its match score.
    pub(crate) fn add(&mut self, mut item: CompletionItem, bonus: u32) {
        let Some(score) = self.score(&item.label, bonus) else {
            return;
        };
        item.score = score;
        self.items.push(item);
    }

    /// The score of a candidate named `label` with `bonus`; `None` when it does not match
    /// the prefix.
    pub(crate) fn score(&self, label: &str, bonus: u32) -> Option<u32> {
        if label == PLACEHOLDER {
            return None;
        }
        Some(fuzzy::score(self.prefix, label)? * MATCH_WEIGHT + bonus)
    }

    /// Adds the best of `candidates` (objects of `world`) as items, each with its declaration
    /// as detail and `edits`.
    pub(crate) fn add_objects(
        &mut self,
        world: &World,
        qf: Qualifier<'_>,
        mut candidates: Vec<Candidate>,
        edits: &[TextEdit],
    ) {
        candidates.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| world.obj(a.obj).name.cmp(&world.obj(b.obj).name))
        });
        candidates.truncate(COMPLETION_LIMIT);
        for c in candidates {
            let mut item = object_item(self, world, c.obj, c.want_value);
            item.detail = Some(objstring::object_string(world, c.obj, qf));
            item.additional_edits = edits.to_vec();
            item.score = c.score;
            self.items.push(item);
        }
    }

    /// Whether `label` matches the prefix (checked before building an item's details).
    pub(crate) fn matches(&self, label: &str) -> bool {
        label != PLACEHOLDER && fuzzy::score(self.prefix, label).is_some()
    }

    /// A plain item replacing the prefix with `insert`.
    pub(crate) fn item(&self, label: &str, kind: CompletionKind, insert: &str) -> CompletionItem {
        CompletionItem {
            label: label.to_string(),
            kind,
            detail: None,
            insert_text: insert.to_string(),
            is_snippet: false,
            range: self.range,
            additional_edits: Vec::new(),
            score: 0,
        }
    }

    fn finish(mut self) -> Vec<CompletionItem> {
        self.items
            .sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
        self.items.truncate(COMPLETION_LIMIT);
        self.items
    }
}

/// How an object is offered: its kind and a call snippet for functions when the client takes
/// snippets and the position does not want a function value (the detail is the caller's).
pub(crate) fn object_item(
    acc: &Acc<'_>,
    world: &World,
    obj: ObjId,
    want_value: bool,
) -> CompletionItem {
    let o = world.obj(obj);
    let kind = object_kind(world, obj);
    let mut item = acc.item(&o.name, kind, &o.name);
    let callable = matches!(o.kind, ObjKind::Func { .. } | ObjKind::Builtin(_));
    if callable && acc.config.snippets && !want_value && !acc.call_follows {
        let no_params = match world.ty(o.ty) {
            Type::Signature(sig) => world.tuple_vars(sig.params).is_empty(),
            _ => matches!(o.kind, ObjKind::Builtin(b) if b.arity() == (0, false)),
        };
        item.insert_text = if no_params {
            format!("{}()", o.name)
        } else {
            format!("{}(${{1:}})", o.name)
        };
        item.is_snippet = true;
    }
    item
}

pub(crate) fn object_kind(world: &World, obj: ObjId) -> CompletionKind {
    let o = world.obj(obj);
    match &o.kind {
        ObjKind::Const(_) => CompletionKind::Const,
        ObjKind::Var(v) if v.is_field => CompletionKind::Field,
        ObjKind::Var(_) | ObjKind::Nil => CompletionKind::Var,
        ObjKind::TypeName if world.is_interface(o.ty) => CompletionKind::Interface,
        ObjKind::TypeName => CompletionKind::Type,
        ObjKind::Func { .. } => match world.ty(o.ty) {
            Type::Signature(sig) if sig.recv.is_some() => CompletionKind::Method,
            _ => CompletionKind::Func,
        },
        ObjKind::Builtin(_) => CompletionKind::Func,
        ObjKind::PkgName { .. } => CompletionKind::Package,
        ObjKind::Label => CompletionKind::Label,
    }
}

/// Whether a candidate object fits the expected type `want`: its value is assignable, or, for
/// a function, its single result is (the call snippet makes it a call).
pub(crate) fn fits(world: &World, obj: ObjId, want: TypeId) -> bool {
    let o = world.obj(obj);
    match &o.kind {
        ObjKind::Var(_) | ObjKind::Const(_) | ObjKind::Nil => {
            world.assignable_for_ranking(o.ty, want)
        }
        ObjKind::Func { .. } => {
            if world.assignable_for_ranking(o.ty, want) {
                return true;
            }
            match world.ty(o.ty) {
                Type::Signature(sig) => match world.tuple_vars(sig.results) {
                    [r] => world.assignable_for_ranking(world.obj(*r).ty, want),
                    _ => false,
                },
                _ => false,
            }
        }
        _ => false,
    }
}

/// The proximity bonus of something found `depth` scopes (or embedding levels) away.
pub(crate) fn proximity(depth: usize) -> u32 {
    PROXIMITY.saturating_sub(depth.min(29) as u32 * 100)
}

/// The bonus for fitting the expected type.
pub(crate) fn expected_bonus(fits: bool) -> u32 {
    if fits { EXPECTED_TYPE } else { 0 }
}
