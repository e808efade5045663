//! Where attached files' bytes are kept. Files are content-addressed (the key is the
//! SHA-256 of the bytes), so writing the same file twice, from a retry or from two
//! receivers, is harmless. [`LocalFiles`] keeps them on this machine's disk; another
//! store (object storage) implements the same trait.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The default file store of a database: `files/` in a SQLite database's folder
/// (`./data/files` for the default database), else `./data/files`.
pub fn beside_database(database: &str) -> PathBuf {
    database
        .strip_prefix("sqlite://")
        .or_else(|| database.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or_default())
        .and_then(|p| Path::new(p).parent().map(|d| d.join("files")))
        .unwrap_or_else(|| PathBuf::from("./data/files"))
}

pub trait FileStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key` (a lowercase hex SHA-256) durably before returning.
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Removes the file under `key` (erasure, retention); a missing file is no error.
    fn delete(&self, key: &str) -> io::Result<()>;
}

/// Files under a folder: `<root>/ab/abcdef...`.
#[derive(Debug)]
pub struct LocalFiles {
    root: PathBuf,
}

impl LocalFiles {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalFiles { root: root.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "a file key is a SHA-256 in hex"));
        }
        Ok(self.root.join(&key[..2]).join(key))
    }
}

impl FileStore for LocalFiles {
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(key)?;
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir)?;
        // Written aside, synced, then renamed into place: a reader never sees half a file.
        let mut tmp = tempfile_in(dir)?;
        tmp.1.write_all(bytes)?;
        tmp.1.sync_all()?;
        fs::rename(&tmp.0, &path)?;
        fs::File::open(dir)?.sync_all()?;
        Ok(())
    }

    fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        fs::read(self.path(key)?)
    }

    fn delete(&self, key: &str) -> io::Result<()> {
        match fs::remove_file(self.path(key)?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

fn tempfile_in(dir: &std::path::Path) -> io::Result<(PathBuf, fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    loop {
        let name = format!(".tmp-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
        let path = dir.join(name);
        match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
