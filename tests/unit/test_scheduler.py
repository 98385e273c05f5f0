"""Stop handling, first-run staggering, and the feed jobs: rescheduled, reloaded, removed."""

import signal
import threading
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from daemon.config import FeedSettings, Settings
from daemon.scheduler import FORCED_EXIT, FeedJobs, StopFlag, first_run_at


def test_first_signal_sets_flag_second_exits_hard():
    """The first SIGTERM asks for a clean stop; a second one exits at once."""
    exits = []
    flag = StopFlag(exit_now=exits.append)
    assert not flag.is_set()
    flag.request(signal.SIGTERM)
    assert flag.is_set()
    assert exits == []
    flag.request(signal.SIGINT)
    assert exits == [FORCED_EXIT]


def test_first_runs_are_staggered():
    """Feeds start one after another rather than all at once."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    starts = [first_run_at(now, i, spread_seconds=2) for i in range(3)]
    assert starts == [now + timedelta(seconds=s) for s in (1, 3, 5)]


def _jobs(next_run=None, ran=None):
    settings = Settings(feeds=(FeedSettings(name="a", url="http://a.org/rss"),))
    scheduler = BackgroundScheduler(timezone=UTC)
    jobs = FeedJobs(scheduler, settings, [].append if ran is None else ran.append, next_run)
    return scheduler, jobs, settings


def test_run_reschedules_the_feed_where_its_state_says():
    """After a run the job's next run is the one the feed's state asks for."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    ran = []
    scheduler, jobs, settings = _jobs(lambda feed: now + timedelta(hours=5), ran)
    jobs.add(settings.feeds[0], now)
    jobs.run("a")
    assert [f.name for f in ran] == ["a"]
    assert scheduler.get_job("a").next_run_time == now + timedelta(hours=5)


def test_gone_feed_is_unscheduled():
    """A feed whose next run is None (410 Gone) loses its job."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    scheduler, jobs, settings = _jobs(lambda feed: None)
    jobs.add(settings.feeds[0], now)
    jobs.run("a")
    assert scheduler.get_job("a") is None


def test_reload_adds_removes_and_updates_feeds():
    """A new feed list adds, removes and updates jobs, and runs use the new settings."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    ran = []
    scheduler, jobs, settings = _jobs(ran=ran)
    jobs.add(settings.feeds[0], now)
    jobs.add(FeedSettings(name="b", url="http://b.org/rss"), now)
    moved = FeedSettings(name="a", url="http://a.org/new-rss")
    jobs.sync([moved, FeedSettings(name="c", url="http://c.org/rss")], now)
    assert sorted(job.id for job in scheduler.get_jobs()) == ["a", "c"]
    jobs.run("a")
    assert ran == [moved]


def test_remove_unschedules_only_the_named_feeds():
    """Removed feeds lose their job and no longer run; the others stay; unknown names are fine."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    ran = []
    scheduler, jobs, settings = _jobs(ran=ran)
    jobs.add(settings.feeds[0], now)
    jobs.add(FeedSettings(name="b", url="http://b.org/rss"), now)
    jobs.remove(["a", "never-added"])
    assert [job.id for job in scheduler.get_jobs()] == ["b"]
    assert list(jobs.feeds) == ["b"]
    jobs.run("a")  # a run already due when the feed was removed does nothing
    assert ran == []


def test_remove_waits_for_a_running_job_of_the_feed():
    """remove returns once the feed's running job has finished, and does not wait for others."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    started, release, order = threading.Event(), threading.Event(), []

    def job(feed):
        started.set()
        release.wait(10)
        order.append(f"{feed.name} finished")

    scheduler = BackgroundScheduler(timezone=UTC)
    jobs = FeedJobs(scheduler, Settings(), job)
    jobs.add(FeedSettings(name="a", url="http://a.org/rss"), now)
    jobs.add(FeedSettings(name="b", url="http://b.org/rss"), now)
    running = threading.Thread(target=jobs.run, args=["a"])
    running.start()
    assert started.wait(5)
    other = threading.Thread(target=jobs.remove, args=[["b"]])
    other.start()
    other.join(5)
    assert not other.is_alive()  # "b" is not running: no wait for "a"
    calling = threading.Event()

    def remove_a():
        calling.set()
        jobs.remove(["a"])
        order.append("removed")

    remover = threading.Thread(target=remove_a)
    remover.start()
    assert calling.wait(5)
    remover.join(0.3)
    assert remover.is_alive()  # still waiting for the running job
    release.set()
    remover.join(5)
    running.join(5)
    assert not remover.is_alive()
    assert order == ["a finished", "removed"]
    assert scheduler.get_job("a") is None
    assert "a" not in jobs.feeds
