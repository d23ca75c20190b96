"""Side-by-side benchmarks of DockerDeployer against the Docker engine and its tools (issues 2, 3, 4).

    python -m bench.run_all             # everything; updates docs/benchmarks.md
    python -m bench.containers_list     # GET /containers vs the engine's plain list
    python -m bench.logs                # GET /logs vs `docker logs`
    python -m bench.stacks              # POST /deploy of a 3- and 6-service stack vs `docker-compose up -d`
    python -m bench.history             # the history store at 100,000 records (no engine needed)

They need a real engine (DOCKER_HOST or the default socket; scripts/bench.sh finds or starts
one) and start `python app.py` themselves. Everything they create carries the label
``dockerdeployer.bench=1`` and is removed at the end, also on failure.
"""
