//! Counts this process's TCP sockets connected to a port, from `/proc`, sampled on a thread of
//! its own: what the client really holds open, whatever a server's view of its closes lags.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// A running sampler; [`SocketSampler::stop`] gives the peak.
#[derive(Debug)]
pub struct SocketSampler {
    stop: Arc<AtomicBool>,
    peak: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl SocketSampler {
    /// Samples, every `every`, how many of this process's sockets are connected to `port` on
    /// the other end.
    pub fn start(port: u16, every: Duration) -> SocketSampler {
        let (stop, peak) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicUsize::new(0)),
        );
        let (stopping, peaking) = (stop.clone(), peak.clone());
        let thread = std::thread::spawn(move || {
            while !stopping.load(Ordering::SeqCst) {
                peaking.fetch_max(connected_to(port), Ordering::SeqCst);
                std::thread::sleep(every);
            }
        });
        SocketSampler {
            stop,
            peak,
            thread: Some(thread),
        }
    }

    /// Stops sampling; the most sockets seen open at once.
    pub fn stop(mut self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.peak.load(Ordering::SeqCst)
    }
}

/// This process's sockets whose remote port is `port`, by inode: `/proc/self/fd` says which
/// sockets are ours, `/proc/net/tcp` where they go.
pub fn connected_to(port: u16) -> usize {
    let Ok(fds) = std::fs::read_dir("/proc/self/fd") else {
        return 0;
    };
    let ours: HashSet<String> = fds
        .filter_map(Result::ok)
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter_map(|target| {
            let target = target.to_string_lossy().into_owned();
            Some(
                target
                    .strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .to_owned(),
            )
        })
        .collect();
    let Ok(table) = std::fs::read_to_string("/proc/net/tcp") else {
        return 0;
    };
    let wanted = format!(":{port:04X}");
    table
        .lines()
        .skip(1)
        .filter(|line| {
            let mut fields = line.split_whitespace();
            fields
                .nth(2)
                .is_some_and(|remote| remote.ends_with(&wanted))
                && fields.nth(6).is_some_and(|inode| ours.contains(inode))
        })
        .count()
}
