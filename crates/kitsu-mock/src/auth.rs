//! Zou's authentication: JWT-shaped tokens, login with lockout, refresh, logout, the guard.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::{StatusCode, header};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::reply::{Reply, Req};
use crate::store::{Account, Db, Row, str_field};

/// Failed logins before an account is locked (Zou: `MAX_LOGIN_FAILED_ATTEMPS`).
const MAX_FAILED_LOGINS: u32 = 5;

/// How token answers and lifetimes are configured.
#[derive(Clone, Debug)]
pub(crate) struct AuthConfig {
    pub(crate) access_lifetime: Duration,
    pub(crate) refresh_lifetime: Duration,
    pub(crate) expired_status: StatusCode,
    pub(crate) lockout: Duration,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            access_lifetime: Duration::from_secs(7 * 24 * 3600),
            refresh_lifetime: Duration::from_secs(15 * 24 * 3600),
            expired_status: StatusCode::UNAUTHORIZED,
            lockout: Duration::from_secs(60),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Access,
    Refresh,
}

#[derive(Clone, Debug)]
struct Issued {
    person_id: String,
    kind: Kind,
    jti: String,
    refresh_jti: Option<String>,
    expires_at: Option<Instant>,
    bot: bool,
}

/// Who a valid token belongs to.
#[derive(Clone, Debug)]
pub(crate) struct Identity {
    pub(crate) person_id: String,
    pub(crate) bot: bool,
    pub(crate) role: String,
    jti: String,
    refresh_jti: Option<String>,
}

impl Identity {
    /// Admins and managers may write anywhere; others may not.
    pub(crate) fn can_manage(&self) -> bool {
        matches!(self.role.as_str(), "admin" | "manager")
    }

    /// `Ok` for admins and managers, Zou's 403 for anyone else.
    pub(crate) fn require_manager(&self) -> Result<(), Reply> {
        if self.can_manage() {
            Ok(())
        } else {
            Err(Reply::forbidden())
        }
    }
}

/// Every token the mock issued, and the revoked ones.
#[derive(Default)]
pub(crate) struct Tokens {
    issued: HashMap<String, Issued>,
    revoked: HashSet<String>,
}

impl Tokens {
    fn issue(
        &mut self,
        config: &AuthConfig,
        person_id: &str,
        kind: Kind,
        refresh_jti: Option<String>,
        bot: bool,
    ) -> (String, String) {
        let jti = uuid::Uuid::new_v4().to_string();
        let lifetime = match kind {
            Kind::Access => config.access_lifetime,
            Kind::Refresh => config.refresh_lifetime,
        };
        let iat = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let mut claims = json!({
            "fresh": false, "iat": iat, "jti": jti, "nbf": iat, "sub": person_id,
            "type": if kind == Kind::Access { "access" } else { "refresh" },
            "identity_type": if bot { "bot" } else { "person" },
        });
        if !bot {
            claims["exp"] = json!(iat + lifetime.as_secs().max(1));
        }
        if let Some(refresh_jti) = &refresh_jti {
            claims["refresh_jti"] = json!(refresh_jti);
        }
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let signature = URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes());
        let token = format!("{header}.{payload}.{signature}");
        self.issued.insert(
            token.clone(),
            Issued {
                person_id: person_id.to_owned(),
                kind,
                jti: jti.clone(),
                refresh_jti,
                expires_at: (!bot).then(|| Instant::now() + lifetime),
                bot,
            },
        );
        (token, jti)
    }

    /// A pair of tokens for a login.
    pub(crate) fn login(&mut self, config: &AuthConfig, person_id: &str) -> (String, String) {
        let (refresh, refresh_jti) = self.issue(config, person_id, Kind::Refresh, None, false);
        let (access, _) = self.issue(config, person_id, Kind::Access, Some(refresh_jti), false);
        (access, refresh)
    }

    /// A never-expiring bot token.
    pub(crate) fn bot(&mut self, config: &AuthConfig, person_id: &str) -> String {
        self.issue(config, person_id, Kind::Access, None, true).0
    }

    /// Makes every issued token expired.
    pub(crate) fn expire_all(&mut self) {
        let past = Instant::now()
            .checked_sub(Duration::from_millis(1))
            .unwrap_or_else(Instant::now);
        for issued in self.issued.values_mut() {
            if issued.expires_at.is_some() {
                issued.expires_at = Some(past);
            }
        }
    }

    /// Checks the `Authorization` header as flask-jwt-extended does, with Zou's answers.
    pub(crate) fn guard(
        &self,
        req: &Req,
        db: &Db,
        config: &AuthConfig,
        wanted: Kind,
    ) -> Result<Identity, Reply> {
        let Some(value) = req.headers.get(header::AUTHORIZATION) else {
            return Err(Reply::msg(
                StatusCode::UNAUTHORIZED,
                "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)",
            ));
        };
        let value = value.to_str().unwrap_or("");
        let Some(token) = value.strip_prefix("Bearer") else {
            return Err(Reply::msg(
                StatusCode::UNAUTHORIZED,
                "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>')",
            ));
        };
        self.check(token.trim(), db, config, wanted)
    }

    /// Checks a bare token (the event socket's CONNECT payload carries one) as [`guard`]
    /// checks the header's.
    pub(crate) fn check(
        &self,
        token: &str,
        db: &Db,
        config: &AuthConfig,
        wanted: Kind,
    ) -> Result<Identity, Reply> {
        if token.is_empty() {
            return Err(Reply::msg(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'",
            ));
        }
        if token.split('.').count() != 3 {
            return Err(Reply::msg(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Not enough segments",
            ));
        }
        let Some(issued) = self.issued.get(token) else {
            return Err(Reply::msg(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Signature verification failed",
            ));
        };
        if issued.expires_at.is_some_and(|at| at <= Instant::now()) {
            return Err(
                if config.expired_status == StatusCode::UNPROCESSABLE_ENTITY {
                    Reply::message(StatusCode::UNPROCESSABLE_ENTITY, "Signature has expired")
                } else {
                    Reply::error(StatusCode::UNAUTHORIZED, "Signature has expired")
                },
            );
        }
        if self.revoked.contains(&issued.jti) {
            return Err(Reply::msg(
                StatusCode::UNAUTHORIZED,
                "Token has been revoked",
            ));
        }
        if issued.kind != wanted {
            let message = match wanted {
                Kind::Access => "Only non-refresh tokens are allowed",
                Kind::Refresh => "Only refresh tokens are allowed",
            };
            return Err(Reply::msg(StatusCode::UNPROCESSABLE_ENTITY, message));
        }
        let person = db.get("persons", &issued.person_id);
        Ok(Identity {
            person_id: issued.person_id.clone(),
            bot: issued.bot,
            role: person
                .and_then(|p| str_field(p, "role"))
                .unwrap_or("user")
                .to_owned(),
            jti: issued.jti.clone(),
            refresh_jti: issued.refresh_jti.clone(),
        })
    }

    /// `GET auth/refresh-token`: a new access token bound to the same refresh token.
    pub(crate) fn refresh(&mut self, config: &AuthConfig, identity: &Identity) -> Reply {
        let (access, _) = self.issue(
            config,
            &identity.person_id,
            Kind::Access,
            Some(identity.jti.clone()),
            false,
        );
        Reply::ok(&json!({"access_token": access}))
    }

    /// `GET auth/logout`: revokes the access token and its refresh token.
    pub(crate) fn logout(&mut self, identity: &Identity) -> Reply {
        if identity.bot {
            return Reply::forbidden();
        }
        self.revoked.insert(identity.jti.clone());
        if let Some(refresh_jti) = &identity.refresh_jti {
            self.revoked.insert(refresh_jti.clone());
        }
        Reply::ok(&json!({"logout": true}))
    }
}

/// A person as the API shows it: never the password.
pub(crate) fn public_person(person: &Row) -> Value {
    let mut person = person.clone();
    person.remove("password");
    Value::Object(person)
}

/// The fields of a login body, JSON or form-encoded.
fn login_fields(req: &Req) -> Option<HashMap<String, String>> {
    if req.content_type().starts_with("application/json") {
        let value: Value = serde_json::from_slice(&req.body).ok()?;
        let object = value.as_object()?;
        return Some(
            object
                .iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_owned())))
                .collect(),
        );
    }
    if req
        .content_type()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Some(form_urlencoded::parse(&req.body).into_owned().collect());
    }
    None
}

/// The second factor of an account that requires one, as Zou's `check_two_factor_authentication`
/// reads it: the first enabled method the request gives a code for is checked; none given is
/// `missing_OTP` (with the preferred method and every enabled one, recovery codes included), a
/// wrong code `wrong_OTP` (counted as a failed login). `None` when the code is right.
fn second_factor(fields: &HashMap<String, String>, account: &mut Account) -> Option<Reply> {
    let given = account
        .second_factors
        .iter()
        .find_map(|(method, code)| fields.get(method).map(|given| given == code));
    match given {
        Some(true) => None,
        Some(false) => {
            account.failed += 1;
            Some(Reply::json(
                StatusCode::BAD_REQUEST,
                &json!({"error": true, "login": false, "wrong_OTP": true,
                        "message": "Wrong two-factor authentication code."}),
            ))
        }
        None => {
            let mut enabled = vec![Value::from("recovery_code")];
            enabled.extend(
                account
                    .second_factors
                    .iter()
                    .map(|(method, _)| Value::from(method.as_str())),
            );
            let preferred = account.second_factors.first().map(|(m, _)| m.clone());
            Some(Reply::json(
                StatusCode::BAD_REQUEST,
                &json!({"error": true, "login": false, "missing_OTP": true,
                        "message": "A two-factor authentication code is required.",
                        "preferred_two_factor_authentication": preferred,
                        "two_factor_authentication_enabled": enabled}),
            ))
        }
    }
}

/// `POST auth/login`.
pub(crate) fn login(req: &Req, db: &mut Db, tokens: &mut Tokens, config: &AuthConfig) -> Reply {
    let fields = login_fields(req).unwrap_or_default();
    let Some(email) = fields.get("email").filter(|e| !e.is_empty()) else {
        return Reply::validation("email", "Field required");
    };
    let wrong = || {
        Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"login": false, "message": "Wrong email or password."}),
        )
    };
    let Some(person) = db
        .rows("persons")
        .iter()
        .find(|p| str_field(p, "email").is_some_and(|e| e.eq_ignore_ascii_case(email)))
        .cloned()
    else {
        return wrong();
    };
    let person_id = str_field(&person, "id").unwrap_or_default().to_owned();
    let account = db.accounts.entry(person_id.clone()).or_default();
    if account
        .locked_until
        .is_some_and(|until| until > Instant::now())
    {
        return Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"error": true, "login": false, "too_many_failed_login_attemps": true,
                    "message": "Too many failed login attempts, retry in a minute."}),
        );
    }
    if person.get("active") == Some(&Value::Bool(false)) {
        return Reply::json(
            StatusCode::UNAUTHORIZED,
            &json!({"error": true, "login": false, "unactive": true,
                    "message": "User is unactive, he cannot log in."}),
        );
    }
    let given = fields.get("password").map(String::as_str);
    if given.is_none() || account.password.as_deref() != given {
        account.failed += 1;
        if account.failed >= MAX_FAILED_LOGINS {
            account.failed = 0;
            account.locked_until = Some(Instant::now() + config.lockout);
        }
        return wrong();
    }
    if !account.second_factors.is_empty() {
        if let Some(reply) = second_factor(&fields, account) {
            return reply;
        }
    }
    if given == Some("default") {
        return Reply::json(
            StatusCode::BAD_REQUEST,
            &json!({"login": false, "default_password": true, "token": uuid::Uuid::new_v4().to_string()}),
        );
    }
    account.failed = 0;
    account.locked_until = None;
    account.logged_in = true;
    let (access, refresh) = tokens.login(config, &person_id);
    Reply::ok(&json!({
        "user": public_person(&person),
        "organisation": db.organisation,
        "login": true,
        "access_token": access,
        "refresh_token": refresh,
    }))
}
