//! A kitsu-mock on loopback with a small production (one project, 10 sequences of 10 shots,
//! an Animation task on each shot with a 1 MiB picture preview), for trying `kitsu` without a
//! server and for timing it:
//!
//! ```sh
//! cargo run -p kitsu-cli --example mock_server &   # prints the URL, serves until killed
//! kitsu --host http://127.0.0.1:PORT/api login --email admin@example.com
//! kitsu ls shots --project 'Agent 327'
//! ```
#![allow(clippy::print_stdout)]

use std::io::Write;

use kitsu_mock::MockKitsu;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let mock = MockKitsu::builder()
        .seed(|seed| {
            let project = seed.project("Agent 327");
            let animation = seed.task_type("Animation");
            for s in 1..=10 {
                let sequence = seed.sequence(&project, &format!("SQ{s:02}"));
                for n in 1..=10 {
                    let shot = seed.shot(&project, &sequence, &format!("SH{:03}", n * 10));
                    let task = seed.task(&shot, &animation);
                    seed.preview(&task, "png", vec![(n + s) as u8; 1024 * 1024]);
                }
            }
        })
        .start()
        .await?;
    println!("{}", mock.base_url());
    std::io::stdout().flush()?;
    std::future::pending::<()>().await;
    Ok(())
}
