//! Where attached files' bytes are kept. Files are content-addressed (the key is the
//! SHA-256 of the bytes), so writing the same file twice, from a retry or from two
//! receivers, is harmless. [`LocalFiles`] keeps them on this machine's disk;
//! [`S3Files`] in an S3-compatible object store, for receivers on several machines.
//! Both lay files out alike (`ab/abcdef...`), so moving from one to the other is a copy.

mod s3;

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::future::BoxFuture;

pub use s3::{S3Error, S3Files};

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

/// What a file store's operations return: owned futures, so a caller may hold one
/// across an await without borrowing the store.
pub type FileFuture<T> = BoxFuture<'static, io::Result<T>>;

pub trait FileStore: Send + Sync + fmt::Debug {
    /// Stores `bytes` under `key` (a lowercase hex SHA-256); the future completes once
    /// they are durable at the store.
    fn put(&self, key: &str, bytes: Bytes) -> FileFuture<()>;
    fn get(&self, key: &str) -> FileFuture<Vec<u8>>;
    /// Removes the file under `key` (erasure, retention); a missing file is no error.
    fn delete(&self, key: &str) -> FileFuture<()>;
}

/// Where attached files are kept, as `--files` names it: a folder, or `s3://BUCKET[/PREFIX]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilesAt {
    Folder(PathBuf),
    S3 { bucket: String, prefix: String },
}

impl FromStr for FilesAt {
    type Err = S3Error;

    fn from_str(s: &str) -> Result<Self, S3Error> {
        let Some(rest) = s.strip_prefix("s3://") else {
            return Ok(FilesAt::Folder(PathBuf::from(s)));
        };
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(S3Error::Url(s.to_owned()));
        }
        Ok(FilesAt::S3 { bucket: bucket.to_owned(), prefix: prefix.trim_matches('/').to_owned() })
    }
}

impl fmt::Display for FilesAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilesAt::Folder(dir) => write!(f, "{}", dir.display()),
            FilesAt::S3 { bucket, prefix } if prefix.is_empty() => write!(f, "s3://{bucket}"),
            FilesAt::S3 { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
        }
    }
}

impl FilesAt {
    /// `--files`, or the folder beside the database when it is not given.
    pub fn or_beside(files: Option<FilesAt>, database: &str) -> FilesAt {
        files.unwrap_or_else(|| FilesAt::Folder(beside_database(database)))
    }

    /// Opens the store; an object store is asked for a listing first, so a wrong bucket,
    /// endpoint or key is reported now rather than at the first upload.
    pub async fn open(&self) -> Result<Arc<dyn FileStore>, S3Error> {
        match self {
            FilesAt::Folder(dir) => Ok(Arc::new(LocalFiles::new(dir))),
            FilesAt::S3 { bucket, prefix } => {
                let files = S3Files::from_env(bucket, prefix)?;
                files.check().await?;
                Ok(Arc::new(files))
            }
        }
    }
}

/// A file key is a SHA-256 in hex; anything else never reaches a store.
fn check_key(key: &str) -> io::Result<()> {
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "a file key is a SHA-256 in hex"));
    }
    Ok(())
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

    /// The folder the files are under.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        check_key(key)?;
        Ok(self.root.join(&key[..2]).join(key))
    }
}

// The disk is written from the blocking pool, off the request's worker thread.
fn blocking<T: Send + 'static>(work: impl FnOnce() -> io::Result<T> + Send + 'static) -> FileFuture<T> {
    Box::pin(async move { tokio::task::spawn_blocking(work).await.map_err(io::Error::other)? })
}

impl FileStore for LocalFiles {
    fn put(&self, key: &str, bytes: Bytes) -> FileFuture<()> {
        let path = self.path(key);
        blocking(move || write_file(&path?, &bytes))
    }

    fn get(&self, key: &str) -> FileFuture<Vec<u8>> {
        let path = self.path(key);
        blocking(move || fs::read(path?))
    }

    fn delete(&self, key: &str) -> FileFuture<()> {
        let path = self.path(key);
        blocking(move || match fs::remove_file(path?) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        })
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let Some(dir) = path.parent() else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "a file path has a folder"));
    };
    fs::create_dir_all(dir)?;
    // Written aside, synced, then renamed into place: a reader never sees half a file.
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(bytes)?;
    tmp.1.sync_all()?;
    fs::rename(&tmp.0, path)?;
    fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn tempfile_in(dir: &Path) -> io::Result<(PathBuf, fs::File)> {
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
