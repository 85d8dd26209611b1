//! Where a SQLite connection's calls run. rusqlite blocks (the migration
//! lock waits up to 10 s), so by default every call runs on a thread of
//! the driver's own and the async caller awaits its answer: no runtime
//! thread is ever blocked, and the driver works on any executor. A call
//! whose caller was cancelled still runs to its end on the thread, so the
//! connection is never left half-used. A caller that runs one task at a
//! time may have the calls run on its own thread instead
//! ([`BlockingCalls::CallerThread`]).

use migrate_core::database::BlockingCalls;
use migrate_core::driver::DriverError;
use rusqlite::Connection;
use std::sync::mpsc;
use std::thread::JoinHandle;
use tokio::sync::oneshot;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// The connection, on the thread its calls run on.
pub enum Calls {
    /// On a thread of its own.
    Thread(Worker),
    /// On the caller's thread.
    Inline(Connection),
}

impl Calls {
    /// `conn`, its calls run where `blocking` says.
    pub fn new(conn: Connection, blocking: BlockingCalls) -> Result<Self, DriverError> {
        Ok(match blocking {
            BlockingCalls::OwnThread => Calls::Thread(Worker::start(conn)?),
            BlockingCalls::CallerThread => Calls::Inline(conn),
        })
    }

    /// Where the calls run.
    pub fn blocking(&self) -> BlockingCalls {
        match self {
            Calls::Thread(_) => BlockingCalls::OwnThread,
            Calls::Inline(_) => BlockingCalls::CallerThread,
        }
    }

    /// Runs `call` on the connection and gives its answer. Errors only when
    /// the connection's thread is gone (a call panicked).
    pub async fn run<R: Send + 'static>(
        &mut self,
        call: impl FnOnce(&mut Connection) -> R + Send + 'static,
    ) -> Result<R, DriverError> {
        match self {
            Calls::Thread(worker) => worker.run(call).await,
            Calls::Inline(conn) => Ok(call(conn)),
        }
    }
}

/// A thread that owns a connection and runs the calls sent to it in order.
pub struct Worker {
    /// `None` once the driver is dropped: the thread then ends.
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Moves `conn` to a new thread that runs the calls in order.
    pub fn start(conn: Connection) -> Result<Self, DriverError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let thread = std::thread::Builder::new()
            .name("migrate-sqlite".into())
            .spawn(move || {
                let mut conn = conn;
                for job in queue {
                    job(&mut conn);
                }
            })
            .map_err(|e| DriverError::connection(format!("cannot start the SQLite thread: {e}")))?;
        Ok(Worker {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `call` on the connection's thread and gives its answer.
    /// Errors only when the thread is gone (it panicked).
    pub async fn run<R: Send + 'static>(
        &self,
        call: impl FnOnce(&mut Connection) -> R + Send + 'static,
    ) -> Result<R, DriverError> {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |conn| {
            let _ = answer.send(call(conn));
        });
        let sent = self.jobs.as_ref().map(|jobs| jobs.send(job));
        if !matches!(sent, Some(Ok(()))) {
            return Err(gone());
        }
        answered.await.map_err(|_| gone())
    }
}

impl Drop for Worker {
    /// Closes the connection before the driver is gone, so its file locks
    /// are released when `drop` returns (another connection can take the
    /// migration lock at once). Waits only for a call still running.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn gone() -> DriverError {
    DriverError::connection("the SQLite connection's thread stopped (a call panicked)")
}
