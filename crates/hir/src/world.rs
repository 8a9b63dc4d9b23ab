//! The [`World`]: arenas for the types, objects, scopes, packages and files of every package
//! checked together, so that packages can refer to each other's types by id.

use std::collections::HashMap;
use std::sync::Arc;

use crate::objects::{Builtin, ObjId, ObjKind, Object, Pos};
use crate::types::{self, BasicKind, ChanDir, Type, TypeId, ids};

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct PackageId(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct ScopeId(pub u32);

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct FileId(pub u32);

/// A lexical scope: the universe, a package, a file, or a block.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub names: HashMap<Box<str>, ObjId>,
    /// A function's outermost scope (labels and `return` stop here).
    pub is_func: bool,
}

#[derive(Clone, Debug)]
pub struct Package {
    pub path: Box<str>,
    pub name: Box<str>,
    pub scope: ScopeId,
    /// Directly imported packages.
    pub imports: Vec<PackageId>,
    /// Set when checking has finished (an import of an incomplete package is a cycle).
    pub complete: bool,
    /// cgo's package "C": its members are not checked.
    pub fake: bool,
    /// The language version the package was checked with, as (1, minor).
    pub go_version: Option<(u32, u32)>,
}

#[derive(Clone, Debug)]
pub struct FileData {
    pub path: Arc<str>,
    pub text: Arc<str>,
}

/// Every type, object, scope, package and file known to the checker, addressed by id.
///
/// Cloning copies every arena: the editor checks a package in full in a copy of the world its
/// dependencies were checked in, and drops the copy once its analyzers have run.
#[derive(Clone, Debug)]
pub struct World {
    pub(crate) types: Vec<Type>,
    interned: HashMap<Type, TypeId>,
    pub(crate) objects: Vec<Object>,
    pub(crate) scopes: Vec<Scope>,
    pub(crate) packages: Vec<Package>,
    pub(crate) files: Vec<FileData>,
    pub(crate) universe: ScopeId,
    pub(crate) unsafe_pkg: PackageId,
    /// The predeclared `comparable`, `error` and `any`, and `error.Error`'s signature.
    pub(crate) comparable: TypeId,
    pub(crate) error: TypeId,
    pub(crate) any: TypeId,
    pub(crate) test_funcs: bool,
    /// Generic functions and types (and type parameters): opaque until type parameters are
    /// checked; kept here so that importers see them too.
    pub(crate) generic: std::collections::HashSet<ObjId>,
    packages_by_path: HashMap<Box<str>, PackageId>,
    /// Instances of generic types by (origin, type arguments).
    pub(crate) instances: HashMap<(TypeId, Vec<TypeId>), TypeId>,
    /// Methods of instances whose signatures are not substituted yet: (origin method,
    /// instance).
    pub(crate) lazy_methods: HashMap<ObjId, (ObjId, TypeId)>,
    /// Instances whose underlying type waits for their origin's declaration.
    pub(crate) unexpanded: Vec<TypeId>,
}

impl Default for World {
    fn default() -> World {
        World::new()
    }
}

impl World {
    pub fn new() -> World {
        let mut world = World {
            types: Vec::new(),
            interned: HashMap::new(),
            objects: Vec::new(),
            scopes: Vec::new(),
            packages: Vec::new(),
            files: Vec::new(),
            universe: ScopeId(0),
            unsafe_pkg: PackageId(0),
            comparable: ids::INVALID,
            error: ids::INVALID,
            any: ids::INVALID,
            test_funcs: false,
            generic: Default::default(),
            packages_by_path: HashMap::new(),
            instances: HashMap::new(),
            lazy_methods: HashMap::new(),
            unexpanded: Vec::new(),
        };
        for (kind, name) in types::BASICS {
            world.types.push(Type::Basic { kind, name });
        }
        let empty = world.new_type(Type::Tuple(Vec::new()));
        debug_assert_eq!(empty, ids::EMPTY_TUPLE);
        crate::universe::populate(&mut world);
        world
    }

    // ---- types ----

    pub fn ty(&self, id: TypeId) -> &Type {
        &self.types[id.index()]
    }

    pub(crate) fn ty_mut(&mut self, id: TypeId) -> &mut Type {
        &mut self.types[id.index()]
    }

    /// Allocates a type that has identity (named types, structs, signatures, interfaces...).
    pub(crate) fn new_type(&mut self, ty: Type) -> TypeId {
        let id = TypeId(self.types.len() as u32);
        self.types.push(ty);
        id
    }

    /// Allocates a simple composite, sharing an existing identical one.
    pub(crate) fn intern(&mut self, ty: Type) -> TypeId {
        debug_assert!(matches!(
            ty,
            Type::Pointer(_)
                | Type::Slice(_)
                | Type::Array { .. }
                | Type::Map { .. }
                | Type::Chan { .. }
        ));
        if let Some(&id) = self.interned.get(&ty) {
            return id;
        }
        let id = self.new_type(ty.clone());
        self.interned.insert(ty, id);
        id
    }

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }

    pub fn array(&mut self, len: Option<u64>, elem: TypeId) -> TypeId {
        self.intern(Type::Array { len, elem })
    }

    pub fn map(&mut self, key: TypeId, elem: TypeId) -> TypeId {
        self.intern(Type::Map { key, elem })
    }

    pub fn chan(&mut self, dir: ChanDir, elem: TypeId) -> TypeId {
        self.intern(Type::Chan { dir, elem })
    }

    pub fn tuple(&mut self, vars: Vec<ObjId>) -> TypeId {
        if vars.is_empty() {
            return ids::EMPTY_TUPLE;
        }
        self.new_type(Type::Tuple(vars))
    }

    /// The variables of a tuple type (empty for anything else).
    pub fn tuple_vars(&self, id: TypeId) -> &[ObjId] {
        match self.ty(id) {
            Type::Tuple(vars) => vars,
            _ => &[],
        }
    }

    pub fn basic_kind(&self, id: TypeId) -> Option<BasicKind> {
        match self.ty(id) {
            Type::Basic { kind, .. } => Some(*kind),
            _ => None,
        }
    }

    // ---- objects ----

    pub fn obj(&self, id: ObjId) -> &Object {
        &self.objects[id.index()]
    }

    pub(crate) fn obj_mut(&mut self, id: ObjId) -> &mut Object {
        &mut self.objects[id.index()]
    }

    pub(crate) fn new_obj(&mut self, obj: Object) -> ObjId {
        let id = ObjId(self.objects.len() as u32);
        self.objects.push(obj);
        id
    }

    /// A new variable (parameter, result, field or local).
    pub(crate) fn new_var(
        &mut self,
        name: &str,
        pos: Pos,
        pkg: Option<PackageId>,
        ty: TypeId,
    ) -> ObjId {
        self.new_obj(Object {
            name: name.into(),
            kind: ObjKind::Var(Default::default()),
            ty,
            pkg,
            pos,
            parent: None,
            used: false,
            order: 0,
        })
    }

    pub(crate) fn new_builtin(&mut self, b: Builtin) -> ObjId {
        self.new_obj(Object {
            name: b.name().into(),
            kind: ObjKind::Builtin(b),
            ty: ids::INVALID,
            pkg: None,
            pos: Pos::default(),
            parent: None,
            used: false,
            order: 0,
        })
    }

    // ---- scopes ----

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    pub(crate) fn new_scope(&mut self, parent: Option<ScopeId>, is_func: bool) -> ScopeId {
        let id = ScopeId(self.scopes.len() as u32);
        self.scopes.push(Scope {
            parent,
            names: HashMap::new(),
            is_func,
        });
        id
    }

    /// A new scope with the same parent and names as `id`.
    pub(crate) fn copy_scope(&mut self, id: ScopeId) -> ScopeId {
        let scope = self.scope(id).clone();
        let copy = ScopeId(self.scopes.len() as u32);
        self.scopes.push(scope);
        copy
    }

    /// Inserts `obj` under its name unless the name is taken; returns the existing object then.
    pub(crate) fn insert(&mut self, scope: ScopeId, obj: ObjId) -> Option<ObjId> {
        let name = self.objects[obj.index()].name.clone();
        let names = &mut self.scopes[scope.0 as usize].names;
        if let Some(&prev) = names.get(&name) {
            return Some(prev);
        }
        names.insert(name, obj);
        if self.objects[obj.index()].parent.is_none() {
            self.objects[obj.index()].parent = Some(scope);
        }
        None
    }

    /// Makes `obj` visible in `scope` under `name` without re-parenting it (dot imports).
    pub(crate) fn insert_alias(&mut self, scope: ScopeId, name: &str, obj: ObjId) {
        self.scopes[scope.0 as usize].names.insert(name.into(), obj);
    }

    pub fn lookup_local(&self, scope: ScopeId, name: &str) -> Option<ObjId> {
        self.scope(scope).names.get(name).copied()
    }

    /// Looks `name` up in `scope` and its parents: the object and the scope it was found in.
    pub fn lookup_parent(&self, mut scope: ScopeId, name: &str) -> Option<(ScopeId, ObjId)> {
        loop {
            if let Some(obj) = self.lookup_local(scope, name) {
                return Some((scope, obj));
            }
            scope = self.scope(scope).parent?;
        }
    }

    pub fn universe(&self) -> ScopeId {
        self.universe
    }

    // ---- packages and files ----

    pub fn package(&self, id: PackageId) -> &Package {
        &self.packages[id.0 as usize]
    }

    pub(crate) fn package_mut(&mut self, id: PackageId) -> &mut Package {
        &mut self.packages[id.0 as usize]
    }

    /// Every package of the world: the one checked and all it imports, directly or not.
    pub fn package_ids(&self) -> impl Iterator<Item = PackageId> + '_ {
        (0..self.packages.len() as u32).map(PackageId)
    }

    pub fn package_by_path(&self, path: &str) -> Option<PackageId> {
        self.packages_by_path.get(path).copied()
    }

    pub(crate) fn new_package(&mut self, path: &str, name: &str) -> PackageId {
        let scope = self.new_scope(Some(self.universe), false);
        let id = PackageId(self.packages.len() as u32);
        self.packages.push(Package {
            path: path.into(),
            name: name.into(),
            scope,
            imports: Vec::new(),
            complete: false,
            fake: false,
            go_version: None,
        });
        self.packages_by_path.insert(path.into(), id);
        id
    }

    pub(crate) fn add_file(&mut self, path: Arc<str>, text: Arc<str>) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(FileData { path, text });
        id
    }

    pub fn file(&self, id: FileId) -> &FileData {
        &self.files[id.0 as usize]
    }
}
