//! The base URL: validation, joining relative paths, and the origin check.

use http::Uri;
use http::uri::{Authority, PathAndQuery, Scheme};

use crate::error::Error;

/// A validated base URL: `http` or `https`, a host, an optional path prefix (`/api`), no query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    scheme: Scheme,
    authority: Authority,
    /// The path prefix without its trailing slash (`""` or `/api`).
    prefix: String,
}

impl BaseUrl {
    /// Parses and checks a base URL such as `https://kitsu.mystudio.com/api` or `http://127.0.0.1:5000`.
    pub fn parse(url: &str) -> Result<BaseUrl, Error> {
        let invalid = |reason: &str| Error::InvalidBaseUrl {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };
        let trimmed = url.trim();
        if trimmed.is_empty() {
            return Err(invalid("it is empty"));
        }
        if !trimmed.contains("://") {
            return Err(invalid(
                "it has no scheme: write it as http://host[:port][/path] or https://…",
            ));
        }
        if trimmed
            .split_once("://")
            .is_some_and(|(_, rest)| rest.is_empty() || rest.starts_with('/'))
        {
            return Err(invalid("it has no host"));
        }
        let uri: Uri = trimmed
            .parse()
            .map_err(|error: http::uri::InvalidUri| invalid(&error.to_string()))?;
        let scheme = match uri.scheme_str() {
            Some("http") => Scheme::HTTP,
            Some("https") => Scheme::HTTPS,
            Some(other) => {
                return Err(invalid(&format!(
                    "unsupported scheme `{other}`: only http and https are supported"
                )));
            }
            None => return Err(invalid("it has no scheme")),
        };
        let authority = uri
            .authority()
            .filter(|authority| !authority.host().is_empty())
            .cloned()
            .ok_or_else(|| invalid("it has no host"))?;
        if authority.as_str().contains('@') {
            return Err(invalid(
                "credentials in the URL are not supported: log in with a session instead",
            ));
        }
        // `Authority` takes any digits as a port, and then reads none: check it here, so that a
        // port out of range fails now rather than on the first request.
        let after_host = &authority.as_str()[authority.host().len()..];
        if let Some(port) = after_host.strip_prefix(':').filter(|port| !port.is_empty()) {
            match port.parse::<u16>() {
                Ok(0) | Err(_) => {
                    return Err(invalid(&format!(
                        "port {port} is out of range: a port is between 1 and 65535"
                    )));
                }
                Ok(_) => {}
            }
        }
        if uri.query().is_some() {
            return Err(invalid("a base URL cannot have a query string"));
        }
        let prefix = uri.path().trim_end_matches('/').to_owned();
        Ok(BaseUrl {
            scheme,
            authority,
            prefix,
        })
    }

    /// The scheme (`http` or `https`).
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// The host and port.
    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    /// The path prefix, without a trailing slash (`""` for a bare host).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The base URL itself (with a trailing slash: the root of the API).
    pub fn root(&self) -> Uri {
        self.build(&format!("{}/", self.prefix))
            .unwrap_or_else(|_| Uri::from_static("/"))
    }

    /// Joins a path relative to the base URL: `data/projects?page=2` becomes
    /// `https://host/api/data/projects?page=2`. A leading slash is allowed and means the same.
    /// An absolute `http(s)://` URL is returned as is (the auth layer will not send the token there
    /// unless it has the base URL's origin).
    pub fn join(&self, path: &str) -> Result<Uri, Error> {
        if path.starts_with("http://") || path.starts_with("https://") {
            return path
                .parse()
                .map_err(|error: http::uri::InvalidUri| Error::InvalidUrl {
                    url: path.to_owned(),
                    reason: error.to_string(),
                });
        }
        if path.contains('#') {
            return Err(Error::InvalidUrl {
                url: path.to_owned(),
                reason: "a request path cannot have a fragment (#…)".into(),
            });
        }
        let relative = path.trim_start_matches('/');
        self.build(&format!("{}/{}", self.prefix, relative))
            .map_err(|reason| Error::InvalidUrl {
                url: path.to_owned(),
                reason,
            })
    }

    /// Joins a request URI: one without a scheme is taken relative to the base URL.
    pub fn join_uri(&self, uri: &Uri) -> Result<Uri, Error> {
        if uri.scheme().is_some() {
            return Ok(uri.clone());
        }
        let path = uri.path_and_query().map_or("", PathAndQuery::as_str);
        let path = match uri.authority() {
            // `Uri` reads `data/projects` as an authority `data` + path `/projects`.
            Some(authority) => format!("{}{}", authority.as_str(), path),
            None => path.to_owned(),
        };
        self.join(&path)
    }

    /// Whether `uri` has this base URL's origin (scheme, host and port).
    pub fn same_origin(&self, uri: &Uri) -> bool {
        let Some(scheme) = uri.scheme() else {
            return false;
        };
        let Some(authority) = uri.authority() else {
            return false;
        };
        scheme == &self.scheme
            && authority.host().eq_ignore_ascii_case(self.authority.host())
            && port_or_default(authority, scheme) == port_or_default(&self.authority, &self.scheme)
    }

    fn build(&self, path_and_query: &str) -> Result<Uri, String> {
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(path_and_query)
            .build()
            .map_err(|error| error.to_string())
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.authority, self.prefix)
    }
}

fn port_or_default(authority: &Authority, scheme: &Scheme) -> Option<u16> {
    authority.port_u16().or(if scheme == &Scheme::HTTPS {
        Some(443)
    } else if scheme == &Scheme::HTTP {
        Some(80)
    } else {
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(url: &str) -> String {
        match BaseUrl::parse(url) {
            Err(Error::InvalidBaseUrl { reason, .. }) => reason,
            other => panic!("expected an invalid base URL for {url:?}, got {other:?}"),
        }
    }

    #[test]
    fn rejects_bad_base_urls_with_a_reason() {
        assert!(reason("").contains("empty"));
        assert!(reason("kitsu.mystudio.com/api").contains("no scheme"));
        assert!(reason("ftp://kitsu.mystudio.com").contains("unsupported scheme `ftp`"));
        assert!(reason("http://").contains("no host"));
        assert!(reason("https:///api").contains("no host"));
        assert!(reason("http://h/api?x=1").contains("query"));
        assert!(reason("http://user:pw@h/api").contains("credentials"));
        assert!(reason("http://127.0.0.1:99999").contains("port 99999"));
        assert!(reason("http://[::1]:70000/api").contains("port 70000"));
        assert!(reason("http://h:0").contains("port 0"));
        assert!(BaseUrl::parse("http://[::1]:8080/api").is_ok());
        assert!(BaseUrl::parse("http://h:65535").is_ok());
    }

    #[test]
    fn joins_relative_paths_under_the_prefix_keeping_the_query() {
        let base = BaseUrl::parse("https://kitsu.mystudio.com/api/").unwrap();
        assert_eq!(base.prefix(), "/api");
        assert_eq!(
            base.join("data/projects?page=2&limit=5").unwrap(),
            "https://kitsu.mystudio.com/api/data/projects?page=2&limit=5"
        );
        assert_eq!(
            base.join("/data/projects").unwrap(),
            "https://kitsu.mystudio.com/api/data/projects"
        );
        assert_eq!(base.root(), "https://kitsu.mystudio.com/api/");
        let bare = BaseUrl::parse("http://127.0.0.1:5000").unwrap();
        assert_eq!(
            bare.join("data/tasks").unwrap(),
            "http://127.0.0.1:5000/data/tasks"
        );
        assert_eq!(bare.root(), "http://127.0.0.1:5000/");
    }

    #[test]
    fn joins_request_uris_in_both_relative_forms() {
        let base = BaseUrl::parse("http://h:5000/api").unwrap();
        let origin_form: Uri = "/data/shots?x=1".parse().unwrap();
        assert_eq!(
            base.join_uri(&origin_form).unwrap(),
            "http://h:5000/api/data/shots?x=1"
        );
        if let Ok(relative) = "data/shots".parse::<Uri>() {
            assert_eq!(
                base.join_uri(&relative).unwrap(),
                "http://h:5000/api/data/shots"
            );
        }
        let absolute: Uri = "https://cdn.example.org/x".parse().unwrap();
        assert_eq!(base.join_uri(&absolute).unwrap(), absolute);
    }

    #[test]
    fn rejects_bad_paths() {
        let base = BaseUrl::parse("http://h").unwrap();
        assert!(matches!(
            base.join("data/x#frag"),
            Err(Error::InvalidUrl { .. })
        ));
        assert!(matches!(
            base.join("data/x y"),
            Err(Error::InvalidUrl { .. })
        ));
    }

    #[test]
    fn origin_check_normalises_default_ports() {
        let base = BaseUrl::parse("https://Kitsu.example.com/api").unwrap();
        assert!(base.same_origin(&"https://kitsu.example.com:443/x".parse().unwrap()));
        assert!(!base.same_origin(&"http://kitsu.example.com/x".parse().unwrap()));
        assert!(!base.same_origin(&"https://kitsu.example.com:8443/x".parse().unwrap()));
        assert!(!base.same_origin(&"https://evil.example.com/x".parse().unwrap()));
        assert!(!base.same_origin(&"/relative".parse().unwrap()));
    }
}
