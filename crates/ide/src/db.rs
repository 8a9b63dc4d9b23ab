//! The concrete database: salsa storage plus the registry of file and directory inputs (the
//! [`Vfs`]), which reads through the file system.

use std::sync::Arc;

use base_db::{FileSystem, SourceDatabase, Vfs};

/// The one database type of the running program. Cloning it makes a snapshot that shares
/// storage; salsa cancels snapshots when the original is mutated.
#[salsa::db]
#[derive(Clone)]
pub(crate) struct RootDatabase {
    storage: salsa::Storage<Self>,
    pub(crate) vfs: Vfs,
}

impl RootDatabase {
    pub(crate) fn new(fs: Arc<dyn FileSystem>, events: Option<EventLog>) -> RootDatabase {
        let callback = events.map(|log| -> Box<dyn Fn(salsa::Event) + Send + Sync> {
            Box::new(move |event| log.record(&event))
        });
        RootDatabase {
            storage: salsa::Storage::new(callback),
            vfs: Vfs::new(fs),
        }
    }
}

#[salsa::db]
impl salsa::Database for RootDatabase {}

#[salsa::db]
impl SourceDatabase for RootDatabase {
    fn vfs(&self) -> &Vfs {
        &self.vfs
    }
}

/// Records which queries executed, for tests of incrementality.
#[derive(Clone, Default, Debug)]
pub struct EventLog(Arc<std::sync::Mutex<Vec<String>>>);

impl EventLog {
    fn record(&self, event: &salsa::Event) {
        if let salsa::EventKind::WillExecute { database_key } = event.kind {
            let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
            log.push(format!("{database_key:?}"));
        }
    }

    /// The queries executed since the last call, as `name(id)` strings.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}
