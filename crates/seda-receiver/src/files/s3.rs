//! Attached files in an S3-compatible object store (AWS S3, MinIO, Ceph, R2, ...), for
//! receivers on several machines. The bucket and an optional prefix come from `--files
//! s3://BUCKET/PREFIX`; credentials, region and endpoint from the standard `AWS_*`
//! environment variables, read by object_store as the AWS tools read them.

use std::io;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt};

use super::{check_key, FileFuture, FileStore};

/// How long the check at start waits for the store to answer.
const CHECK_WITHIN: Duration = Duration::from_secs(20);

/// A file store that cannot be used as configured; each names the setting to fix.
#[derive(Debug, thiserror::Error)]
pub enum S3Error {
    #[error("{0}: expected s3://BUCKET or s3://BUCKET/PREFIX")]
    Url(String),
    #[error("--files s3://{bucket}/{prefix}: not a valid object prefix: {source}")]
    Prefix { bucket: String, prefix: String, source: object_store::path::Error },
    #[error("{0} is set but {1} is not: S3 credentials need both")]
    HalfCredentials(&'static str, &'static str),
    #[error("AWS_ENDPOINT_URL {0}: plain http is allowed only to a loopback address (or set AWS_ALLOW_HTTP=true)")]
    PlainHttp(String),
    #[error("the S3 file store (AWS_* settings): {0}")]
    Build(object_store::Error),
    #[error("--files {0}: the store did not answer within {1} s (check AWS_ENDPOINT_URL and AWS_REGION)")]
    NoAnswer(String, u64),
    #[error("--files {0}: {1} (check the bucket, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and AWS_ENDPOINT_URL)")]
    Refused(String, object_store::Error),
}

/// Files under `PREFIX/ab/abcdef...` in a bucket.
#[derive(Debug)]
pub struct S3Files {
    store: Arc<AmazonS3>,
    prefix: ObjectPath,
    url: String,
}

impl S3Files {
    /// The bucket's store, configured from the `AWS_*` environment variables.
    pub fn from_env(bucket: &str, prefix: &str) -> Result<Self, S3Error> {
        let prefix_path = ObjectPath::parse(prefix)
            .map_err(|source| S3Error::Prefix { bucket: bucket.into(), prefix: prefix.into(), source })?;
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        match (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
            (Some(_), None) => return Err(S3Error::HalfCredentials("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")),
            (None, Some(_)) => return Err(S3Error::HalfCredentials("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID")),
            _ => {}
        }
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        let endpoint = builder
            .get_config_value(&AmazonS3ConfigKey::S3Endpoint)
            .or_else(|| builder.get_config_value(&AmazonS3ConfigKey::Endpoint));
        // A local test server (moto, MinIO) speaks plain http; anything farther needs TLS
        // unless AWS_ALLOW_HTTP says otherwise.
        if let Some(url) = endpoint.as_deref().filter(|u| u.starts_with("http://")) {
            let allowed = env("AWS_ALLOW_HTTP").is_some_and(|v| v.eq_ignore_ascii_case("true"));
            if is_loopback(url) {
                builder = builder.with_allow_http(true);
            } else if !allowed {
                return Err(S3Error::PlainHttp(url.to_owned()));
            }
        }
        let store = builder.build().map_err(S3Error::Build)?;
        let url = super::FilesAt::S3 { bucket: bucket.into(), prefix: prefix.into() }.to_string();
        Ok(S3Files { store: Arc::new(store), prefix: prefix_path, url })
    }

    /// Lists (at most a page of) the prefix: the bucket exists and the credentials are good.
    pub async fn check(&self) -> Result<(), S3Error> {
        let mut listing = self.store.list(Some(&self.prefix));
        match tokio::time::timeout(CHECK_WITHIN, listing.next()).await {
            Err(_) => Err(S3Error::NoAnswer(self.url.clone(), CHECK_WITHIN.as_secs())),
            Ok(Some(Err(e))) => Err(S3Error::Refused(self.url.clone(), e)),
            Ok(_) => Ok(()),
        }
    }

    fn path(&self, key: &str) -> io::Result<ObjectPath> {
        check_key(key)?;
        Ok(self.prefix.clone().join(&key[..2]).join(key))
    }
}

fn is_loopback(url: &str) -> bool {
    let authority = url.trim_start_matches("http://").split(['/', '?']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl FileStore for S3Files {
    // An S3 PUT answers only once the object is stored whole and durably; a put of the
    // same key again replaces it with the same bytes.
    fn put(&self, key: &str, bytes: Bytes) -> FileFuture<()> {
        let (store, path) = (self.store.clone(), self.path(key));
        Box::pin(async move {
            store.put(&path?, bytes.into()).await?;
            Ok(())
        })
    }

    fn get(&self, key: &str) -> FileFuture<Vec<u8>> {
        let (store, path) = (self.store.clone(), self.path(key));
        Box::pin(async move { Ok(store.get(&path?).await?.bytes().await?.to_vec()) })
    }

    fn delete(&self, key: &str) -> FileFuture<()> {
        let (store, path) = (self.store.clone(), self.path(key));
        Box::pin(async move {
            match store.delete(&path?).await {
                Err(object_store::Error::NotFound { .. }) => Ok(()),
                other => Ok(other?),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::is_loopback;
    use crate::files::FilesAt;
    use std::path::PathBuf;

    #[test]
    fn plain_http_only_to_this_machine() {
        for (url, loopback) in [
            ("http://127.0.0.1:9000", true),
            ("http://localhost:9000/", true),
            ("http://[::1]:9000", true),
            ("http://127.0.0.2", true),
            ("http://minio.internal:9000", false),
            ("http://10.0.0.5:9000", false),
        ] {
            assert_eq!(is_loopback(url), loopback, "{url}");
        }
    }

    #[test]
    fn files_setting() {
        let s3 = |b: &str, p: &str| FilesAt::S3 { bucket: b.into(), prefix: p.into() };
        assert_eq!("./data/files".parse::<FilesAt>().unwrap(), FilesAt::Folder(PathBuf::from("./data/files")));
        assert_eq!("s3://media".parse::<FilesAt>().unwrap(), s3("media", ""));
        assert_eq!("s3://media/seda/files/".parse::<FilesAt>().unwrap(), s3("media", "seda/files"));
        assert_eq!(s3("media", "seda").to_string(), "s3://media/seda");
        assert!("s3://".parse::<FilesAt>().is_err());
        assert!("s3:///prefix".parse::<FilesAt>().is_err());
    }
}
