//! Objects: the named language entities (constants, variables, type names, functions,
//! packages, builtins, labels, `nil`), as go/types models them.

use crate::constant::Value;
use crate::types::TypeId;
use crate::world::{FileId, PackageId, ScopeId};

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct ObjId(pub u32);

impl ObjId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A source position: a file of the world and a byte offset in it. `file` is `None` for
/// predeclared objects.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct Pos {
    pub file: Option<FileId>,
    pub offset: u32,
}

/// The builtin functions; `Assert` and `Trace` exist only in go/types' test harness mode.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
    // package unsafe
    Add,
    Alignof,
    Offsetof,
    Sizeof,
    Slice,
    SliceData,
    String,
    StringData,
    // test harness
    Assert,
    Trace,
}

impl Builtin {
    pub fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Complex => "complex",
            Copy => "copy",
            Delete => "delete",
            Imag => "imag",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Real => "real",
            Recover => "recover",
            Add => "Add",
            Alignof => "Alignof",
            Offsetof => "Offsetof",
            Sizeof => "Sizeof",
            Slice => "Slice",
            SliceData => "SliceData",
            String => "String",
            StringData => "StringData",
            Assert => "assert",
            Trace => "trace",
        }
    }

    /// (minimum argument count, variadic) as go/types' predeclaredFuncs table.
    pub fn arity(self) -> (usize, bool) {
        use Builtin::*;
        match self {
            Append => (1, true),
            Cap | Clear | Close | Imag | Len | Real | New | Panic => (1, false),
            Complex | Copy | Delete => (2, false),
            Make => (1, true),
            Max | Min => (1, true),
            Print | Println => (0, true),
            Recover => (0, false),
            Add | Slice | String => (2, false),
            Alignof | Offsetof | Sizeof | SliceData | StringData => (1, false),
            Assert => (1, false),
            Trace => (0, true),
        }
    }

    /// Whether a call of the builtin can be an expression statement.
    pub fn is_statement(self) -> bool {
        use Builtin::*;
        matches!(
            self,
            Clear | Close | Copy | Delete | Panic | Print | Println | Recover | Assert | Trace
        )
    }
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    Const(Value),
    /// A variable, parameter, result or struct field.
    Var(VarInfo),
    TypeName,
    /// A function or method; its type is a signature.
    Func {
        has_ptr_recv: bool,
    },
    /// An imported package in a file scope.
    PkgName {
        imported: PackageId,
    },
    Builtin(Builtin),
    Label,
    Nil,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct VarInfo {
    pub is_field: bool,
    pub embedded: bool,
    /// A parameter, result or receiver.
    pub is_param: bool,
    pub is_result: bool,
    pub is_recv: bool,
    /// Declared at package level.
    pub is_package: bool,
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: Box<str>,
    pub kind: ObjKind,
    /// `types::ids::INVALID` until known.
    pub ty: TypeId,
    /// `None` for predeclared objects (and labels).
    pub pkg: Option<PackageId>,
    pub pos: Pos,
    /// The scope the object was declared in; `None` for fields and methods.
    pub parent: Option<ScopeId>,
    /// Set when the object is used (variables, imports, labels).
    pub used: bool,
    /// Package-level declaration order (for initialization order and cycle reports).
    pub order: u32,
}

impl Object {
    /// go/types' `objectKind`: what the object is, in words, for messages.
    pub fn kind_description(&self) -> &'static str {
        match &self.kind {
            ObjKind::PkgName { .. } => "package name",
            ObjKind::Const(_) => "constant",
            ObjKind::TypeName => "defined type",
            ObjKind::Var(v) if v.is_field => "struct field",
            ObjKind::Var(v) if v.is_recv => "receiver",
            ObjKind::Var(v) if v.is_result => "result variable",
            ObjKind::Var(v) if v.is_param => "parameter",
            ObjKind::Var(v) if v.is_package => "package-level variable",
            ObjKind::Var(_) => "local variable",
            ObjKind::Func { .. } => "function",
            ObjKind::Builtin(_) => "built-in function",
            ObjKind::Label => "label",
            ObjKind::Nil => "untyped nil",
        }
    }

    pub fn is_exported(&self) -> bool {
        self.name.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_type_name(&self) -> bool {
        matches!(self.kind, ObjKind::TypeName)
    }

    pub fn var_info(&self) -> Option<VarInfo> {
        match self.kind {
            ObjKind::Var(info) => Some(info),
            _ => None,
        }
    }

    pub fn const_value(&self) -> Option<&Value> {
        match &self.kind {
            ObjKind::Const(v) => Some(v),
            _ => None,
        }
    }
}
