"""gunicorn settings for `make serve`, `make load` and the tests that run the real server.

Sized for the 2-core machine the product targets (README, "Production serving"):

- 2 worker processes, one per core. A PDF render is mostly Python holding the GIL, so
  more threads in one process add no PDF throughput; a second process does.
- 4 threads per worker (gthread), so previews (about 1 ms each) are answered while a PDF
  renders in the same process, and a slow client does not hold a whole process.
- HANDOUT_PDF_CONCURRENT_RENDERS=2 per process: one download and one render-ahead at a
  time; a third download waits at most half a second for a slot, then gets the 503 page
  with Retry-After (generator/pdf.py).
- timeout 30 s: a worker whose main loop stops answering (wedged in C code) is killed and
  replaced. It is not a per-request limit under gthread; the render time is bounded by
  the bounded input instead (tests/test_security.py times the worst case).

Every value can be overridden from the environment: WEB_CONCURRENCY (workers),
HANDOUT_THREADS, HANDOUT_BIND, or any gunicorn flag through GUNICORN_CMD_ARGS.
"""

import os

wsgi_app = "app:create_app()"
bind = os.environ.get("HANDOUT_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("HANDOUT_THREADS", "4"))
os.environ.setdefault("HANDOUT_PDF_CONCURRENT_RENDERS", "2")

timeout = 30
graceful_timeout = 10
keepalive = 5
# WeasyPrint keeps about 45 KB of native memory for good per render, even with the font
# configuration reused (`make bench` measures it): a worker is replaced,
# gracefully, after about 1000 requests, so a worker that only rendered PDFs grows by
# 45 MB at most.
max_requests = 1000
max_requests_jitter = 100

# The request line, headers and body are bounded before the app sees them (the body by
# MAX_CONTENT_LENGTH in the app: 413 past 32 KB).
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# Nothing on disk: the workers' heartbeat files in memory, no control socket in $HOME.
worker_tmp_dir = "/dev/shm"
control_socket_disable = True

# Access log lines hold the method, the path and clinical query (never a personal field:
# those travel only in POST bodies), the status and the size. Behind scripts/serve.py's
# nginx, nginx writes them (GUNICORN_ACCESS_LOG empty: none from gunicorn).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = "info"
