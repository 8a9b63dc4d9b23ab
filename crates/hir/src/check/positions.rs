//! Positions inside messages (`other declaration of x at f.go:3:2`, `jumps over variable
//! declaration at line 7`), as go/types prints them.
//!
//! A staged check (see `crate::staged`) checks texts that are not the file's text: the
//! package's declarations with function bodies cut out, and each body on its own. Offsets in
//! those texts are not the file's, so such a check writes a marker instead of the position,
//! and the caller, who knows where each text sits in its file, resolves it with
//! [`resolve_markers`].

use super::Checker;
use crate::objects::ObjId;

/// Starts and ends a marker; never in a Go message.
const MARK: char = '\u{1}';
/// Separates a marker's path from its offset.
const SEP: char = '\u{2}';
/// Separates a body marker's path from the body's key (`crate::staged::func_keys`).
const KEY: char = '\u{3}';

/// Which text a marker's offset is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Space {
    /// The declarations of the file (bodies cut out).
    Declarations,
    /// The function body being checked, in its own text.
    Body,
}

/// How a marker is to be written: `file:line:col`, or the line alone.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    Position,
    Line,
}

impl Checker<'_> {
    /// `file:line:col` of an object.
    pub(crate) fn position_string(&self, obj: ObjId) -> String {
        let o = self.world.obj(obj);
        let Some(file) = o.pos.file else {
            return String::new();
        };
        let data = self.world.file(file);
        self.format(
            Form::Position,
            self.obj_space(obj),
            &data.path,
            &data.text,
            o.pos.offset,
        )
    }

    /// The text an object's position is in: objects a body check created are in the body's.
    pub(crate) fn obj_space(&self, obj: ObjId) -> Space {
        match self.body_objs {
            Some(first) if obj.0 >= first => Space::Body,
            _ => Space::Declarations,
        }
    }

    /// `file:line:col` of `offset` in the current file.
    pub(crate) fn offset_position(&self, offset: u32) -> String {
        let file = &self.files[self.env.file];
        self.format(
            Form::Position,
            self.current_space(),
            &file.path,
            &file.text,
            offset,
        )
    }

    /// The 1-based line of `offset` in the current file.
    pub(crate) fn line_of(&self, offset: u32) -> String {
        let file = &self.files[self.env.file];
        self.format(
            Form::Line,
            self.current_space(),
            &file.path,
            &file.text,
            offset,
        )
    }

    fn current_space(&self) -> Space {
        if self.body_objs.is_some() {
            Space::Body
        } else {
            Space::Declarations
        }
    }

    fn format(&self, form: Form, space: Space, path: &str, text: &str, offset: u32) -> String {
        if self.relocatable {
            let f = match form {
                Form::Position => 'P',
                Form::Line => 'L',
            };
            return match (space, &self.body_key) {
                (Space::Body, Some(key)) => {
                    format!("{MARK}{f}b{path}{KEY}{key}{SEP}{offset}{MARK}")
                }
                _ => format!("{MARK}{f}d{path}{SEP}{offset}{MARK}"),
            };
        }
        let lc = syntax::LineIndex::new(text).line_col(offset);
        match form {
            Form::Position => format!("{path}:{}:{}", lc.line + 1, lc.col + 1),
            Form::Line => (lc.line + 1).to_string(),
        }
    }
}

/// Where a marker points: the text (and for a body, its function's key), the file's path and
/// the offset in that text.
#[derive(Clone, Copy, Debug)]
pub struct Marker<'m> {
    pub space: Space,
    pub path: &'m str,
    pub key: Option<&'m str>,
    pub offset: u32,
}

/// `msg` with its markers replaced: `locate(marker)` gives the 0-based line and column in
/// the real file (a marker it cannot place is dropped).
pub fn resolve_markers(
    msg: &str,
    mut locate: impl FnMut(Marker<'_>) -> Option<(u32, u32)>,
) -> String {
    if !msg.contains(MARK) {
        return msg.to_string();
    }
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(start) = rest.find(MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + MARK.len_utf8()..];
        let Some(end) = after.find(MARK) else {
            rest = after;
            break;
        };
        let marker = &after[..end];
        rest = &after[end + MARK.len_utf8()..];
        let mut chars = marker.chars();
        let (Some(form), Some(space)) = (chars.next(), chars.next()) else {
            continue;
        };
        let body = chars.as_str();
        let Some((path, offset)) = body.rsplit_once(SEP) else {
            continue;
        };
        let (space, path, key) = match (space, path.split_once(KEY)) {
            ('b', Some((path, key))) => (Space::Body, path, Some(key)),
            _ => (Space::Declarations, path, None),
        };
        let located = offset.parse().ok().and_then(|offset| {
            locate(Marker {
                space,
                path,
                key,
                offset,
            })
        });
        let Some((line, col)) = located else {
            continue;
        };
        if form == 'L' {
            out.push_str(&(line + 1).to_string());
        } else {
            out.push_str(&format!("{path}:{}:{}", line + 1, col + 1));
        }
    }
    out.push_str(rest);
    out
}
