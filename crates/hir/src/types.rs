//! Type representation: every type lives in the [`World`]'s arena and is named by a [`TypeId`].
//!
//! The shapes follow go/types: basic, pointer, slice, array, map, chan, struct, signature,
//! tuple, interface, named (defined) types and aliases. Defined types are identified by their
//! [`TypeId`]; composite types compare structurally (`predicates::identical`). Simple
//! composites (`*T`, `[]T`, `[N]T`, `map[K]V`, `chan T`) are hash-consed, so the common
//! `[]byte` costs one entry however often it is written.

use crate::objects::ObjId;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct TypeId(pub u32);

impl TypeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The basic types, in go/types' order; the untyped kinds are the types of untyped constants.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum BasicKind {
    Invalid,
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }
    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }
    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }
    pub fn is_float(self) -> bool {
        matches!(
            self,
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat
        )
    }
    pub fn is_complex(self) -> bool {
        matches!(
            self,
            BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
        )
    }
    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }
    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }
    pub fn is_untyped(self) -> bool {
        self >= BasicKind::UntypedBool
    }
    pub fn is_ordered(self) -> bool {
        self.is_integer() || self.is_float() || self.is_string()
    }
    /// Types whose values may be constants.
    pub fn is_const_type(self) -> bool {
        self.is_boolean() || self.is_numeric() || self.is_string()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Type {
    /// `name` differs from the kind's name for `byte` and `rune`.
    Basic {
        kind: BasicKind,
        name: &'static str,
    },
    Pointer(TypeId),
    Slice(TypeId),
    /// `len` is `None` when the length is invalid or unknown (an error was reported).
    Array {
        len: Option<u64>,
        elem: TypeId,
    },
    Map {
        key: TypeId,
        elem: TypeId,
    },
    Chan {
        dir: ChanDir,
        elem: TypeId,
    },
    Struct(Box<Struct>),
    Signature(Box<Signature>),
    /// Parameter and result lists, and multi-value expressions.
    Tuple(Vec<ObjId>),
    Interface(Box<Interface>),
    Named(Box<Named>),
    Alias(Box<Alias>),
    /// A type parameter: its object (a type name), its index in its list, and its bound (a
    /// constraint interface; `Invalid` until evaluated).
    TypeParam {
        obj: ObjId,
        index: u32,
        bound: TypeId,
    },
    /// A union of type terms (`~int | string`), only ever embedded in an interface.
    Union(Vec<Term>),
}

/// A type term: `T` or `~T`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Term {
    pub tilde: bool,
    pub ty: TypeId,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Struct {
    /// Field variables, in order; embedded fields are marked on the object.
    pub fields: Vec<ObjId>,
    /// Tags as unquoted strings, parallel to `fields`.
    pub tags: Vec<Option<Box<str>>>,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Signature {
    pub recv: Option<ObjId>,
    /// A [`Type::Tuple`].
    pub params: TypeId,
    /// A [`Type::Tuple`].
    pub results: TypeId,
    /// The last parameter is `...T` (its type is recorded as `[]T`).
    pub variadic: bool,
    /// The function's own type parameters (generic functions).
    pub type_params: Vec<TypeId>,
    /// A method of a generic type: the receiver's type parameters.
    pub recv_type_params: Vec<TypeId>,
}

impl Signature {
    pub fn new(recv: Option<ObjId>, params: TypeId, results: TypeId, variadic: bool) -> Signature {
        Signature {
            recv,
            params,
            results,
            variadic,
            type_params: Vec::new(),
            recv_type_params: Vec::new(),
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Interface {
    /// Methods declared in the interface literal itself.
    pub methods: Vec<ObjId>,
    /// Embedded interfaces (and, once generics arrive, type terms).
    pub embeddeds: Vec<TypeId>,
    /// The method set with embedded interfaces expanded, sorted by name; computed on demand.
    pub all_methods: Option<Vec<ObjId>>,
    /// `comparable` (the predeclared interface) or an interface embedding it.
    pub comparable: bool,
    /// Has type terms (`~int | string`, or an embedded non-interface type): a constraint.
    pub has_terms: bool,
    /// The implicit interface of a constraint written as `~int | string` (printed without
    /// `interface{...}`).
    pub implicit: bool,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Named {
    pub obj: ObjId,
    /// `Invalid` until resolved.
    pub underlying: TypeId,
    pub methods: Vec<ObjId>,
    /// The type parameters of a generic type (of its origin, for an instance).
    pub type_params: Vec<TypeId>,
    /// An instance `G[A, B]`: its generic type and its type arguments.
    pub origin: Option<TypeId>,
    pub type_args: Vec<TypeId>,
}

impl Named {
    pub fn new(obj: ObjId, underlying: TypeId) -> Named {
        Named {
            obj,
            underlying,
            methods: Vec::new(),
            type_params: Vec::new(),
            origin: None,
            type_args: Vec::new(),
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Alias {
    pub obj: ObjId,
    /// The aliased type; `Invalid` until resolved.
    pub actual: TypeId,
    /// A generic alias's type parameters (go1.24: `type A[P any] = []P`).
    pub type_params: Vec<TypeId>,
    /// An instance `A[int]` of a generic alias: its type arguments (`actual` is substituted).
    pub type_args: Vec<TypeId>,
}

/// The fixed ids of the basic types, allocated first in every world.
pub mod ids {
    use super::TypeId;
    pub const INVALID: TypeId = TypeId(0);
    pub const BOOL: TypeId = TypeId(1);
    pub const INT: TypeId = TypeId(2);
    pub const INT8: TypeId = TypeId(3);
    pub const INT16: TypeId = TypeId(4);
    pub const INT32: TypeId = TypeId(5);
    pub const INT64: TypeId = TypeId(6);
    pub const UINT: TypeId = TypeId(7);
    pub const UINT8: TypeId = TypeId(8);
    pub const UINT16: TypeId = TypeId(9);
    pub const UINT32: TypeId = TypeId(10);
    pub const UINT64: TypeId = TypeId(11);
    pub const UINTPTR: TypeId = TypeId(12);
    pub const FLOAT32: TypeId = TypeId(13);
    pub const FLOAT64: TypeId = TypeId(14);
    pub const COMPLEX64: TypeId = TypeId(15);
    pub const COMPLEX128: TypeId = TypeId(16);
    pub const STRING: TypeId = TypeId(17);
    pub const UNSAFE_POINTER: TypeId = TypeId(18);
    pub const UNTYPED_BOOL: TypeId = TypeId(19);
    pub const UNTYPED_INT: TypeId = TypeId(20);
    pub const UNTYPED_RUNE: TypeId = TypeId(21);
    pub const UNTYPED_FLOAT: TypeId = TypeId(22);
    pub const UNTYPED_COMPLEX: TypeId = TypeId(23);
    pub const UNTYPED_STRING: TypeId = TypeId(24);
    pub const UNTYPED_NIL: TypeId = TypeId(25);
    /// `byte`: kind uint8, printed as `byte`.
    pub const BYTE: TypeId = TypeId(26);
    /// `rune`: kind int32, printed as `rune`.
    pub const RUNE: TypeId = TypeId(27);
    /// The empty tuple (no parameters, no results).
    pub const EMPTY_TUPLE: TypeId = TypeId(28);
}

/// The basic types in id order, with their printed names.
pub(crate) const BASICS: [(BasicKind, &str); 28] = [
    (BasicKind::Invalid, "invalid type"),
    (BasicKind::Bool, "bool"),
    (BasicKind::Int, "int"),
    (BasicKind::Int8, "int8"),
    (BasicKind::Int16, "int16"),
    (BasicKind::Int32, "int32"),
    (BasicKind::Int64, "int64"),
    (BasicKind::Uint, "uint"),
    (BasicKind::Uint8, "uint8"),
    (BasicKind::Uint16, "uint16"),
    (BasicKind::Uint32, "uint32"),
    (BasicKind::Uint64, "uint64"),
    (BasicKind::Uintptr, "uintptr"),
    (BasicKind::Float32, "float32"),
    (BasicKind::Float64, "float64"),
    (BasicKind::Complex64, "complex64"),
    (BasicKind::Complex128, "complex128"),
    (BasicKind::String, "string"),
    (BasicKind::UnsafePointer, "unsafe.Pointer"),
    (BasicKind::UntypedBool, "untyped bool"),
    (BasicKind::UntypedInt, "untyped int"),
    (BasicKind::UntypedRune, "untyped rune"),
    (BasicKind::UntypedFloat, "untyped float"),
    (BasicKind::UntypedComplex, "untyped complex"),
    (BasicKind::UntypedString, "untyped string"),
    (BasicKind::UntypedNil, "untyped nil"),
    (BasicKind::Uint8, "byte"),
    (BasicKind::Int32, "rune"),
];

/// The id of the basic type of `kind` (the canonical one: `uint8`, not `byte`).
pub fn basic(kind: BasicKind) -> TypeId {
    TypeId(kind as u32)
}
