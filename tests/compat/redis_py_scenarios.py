"""redis-py's everyday API, one scenario per command family.

Run by redis_py_test.ts: `python3 redis_py_scenarios.py PORT FAMILY...`.
Prints one JSON object: family -> the list of values the scenario saw (or
{"error": ...} when it raised). Bytes become latin1 text, tuples lists,
sets sorted lists, so the test can compare them with plain JSON.
"""
import json
import sys
import threading
import time

import redis

PORT = int(sys.argv[1])


def connect(**kw):
    return redis.Redis(host="127.0.0.1", port=PORT, socket_timeout=10, **kw)


def norm(v):
    if isinstance(v, bytes):
        return v.decode("latin1")
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, set):
        return sorted(norm(x) for x in v)
    if isinstance(v, dict):
        return {norm(k): norm(x) for k, x in v.items()}
    if isinstance(v, Exception):
        return {"error": type(v).__name__ + ": " + str(v)}
    return v


def until_blocked(r):
    for _ in range(400):
        if r.info("clients")["blocked_clients"] > 0:
            return
        time.sleep(0.005)
    raise RuntimeError("no client blocked")


def strings(r, out):
    out.append(r.set("py:s", "hello", ex=100))
    out.append(r.get("py:s"))
    out.append(r.ttl("py:s"))
    out.append(r.append("py:s", " world"))
    out.append(r.getrange("py:s", 0, 4))
    out.append(r.set("py:s", "x", nx=True))
    out.append(r.set("py:s", "x", get=True))
    out.append(r.incr("py:n"))
    out.append(r.incrby("py:n", 9))
    out.append(r.incrbyfloat("py:n", 0.5))
    out.append(r.mset({"py:a": "1", "py:b": "2"}))
    out.append(r.mget("py:a", "py:b", "py:none"))
    out.append(r.getdel("py:a"))
    out.append(r.exists("py:a", "py:b"))
    out.append(r.set("py:bin", bytes(range(256))))
    out.append(r.get("py:bin") == bytes(range(256)))
    try:
        r.incr("py:s")
    except redis.ResponseError as e:
        out.append(e)


def keyspace(r, out):
    for i in range(25):
        r.set("py:k:%d" % i, i)
    out.append(r.type("py:k:1"))
    out.append(r.expire("py:k:1", 30))
    out.append(r.ttl("py:k:1"))
    out.append(r.persist("py:k:1"))
    out.append(r.ttl("py:k:1"))
    out.append(r.rename("py:k:2", "py:moved"))
    out.append(r.delete("py:moved", "py:none"))
    out.append(len(set(r.scan_iter(match="py:k:*", count=4))))
    out.append(sorted(r.keys("py:k:1?")))


def hashes(r, out):
    out.append(r.hset("py:h", mapping={"name": "ferrous", "n": 1, "f": "1.5"}))
    out.append(r.hget("py:h", "name"))
    out.append(r.hgetall("py:h"))
    out.append(r.hmget("py:h", "n", "none"))
    out.append(r.hincrby("py:h", "n", 4))
    out.append(r.hincrbyfloat("py:h", "f", 1))
    out.append(r.hexists("py:h", "n"))
    out.append(r.hlen("py:h"))
    out.append(r.hkeys("py:h"))
    out.append(r.hvals("py:h"))
    out.append(r.hdel("py:h", "n", "none"))
    for i in range(30):
        r.hset("py:big", "f%d" % i, i)
    out.append(len(dict(r.hscan_iter("py:big", count=7))))


def lists(r, out):
    out.append(r.rpush("py:l", "b", "c"))
    out.append(r.lpush("py:l", "a"))
    out.append(r.lrange("py:l", 0, -1))
    out.append(r.linsert("py:l", "BEFORE", "c", "bb"))
    out.append(r.lpos("py:l", "bb"))
    out.append(r.lindex("py:l", -1))
    out.append(r.lset("py:l", 0, "A"))
    out.append(r.llen("py:l"))
    out.append(r.lpop("py:l"))
    out.append(r.rpop("py:l", 2))
    out.append(r.lmove("py:l", "py:l2", "LEFT", "RIGHT"))
    got = []
    other = connect()
    t = threading.Thread(target=lambda: got.append(other.blpop("py:q", 5)))
    t.start()
    until_blocked(r)
    out.append(r.rpush("py:q", "job"))
    t.join()
    out.append(got)
    out.append(r.brpop("py:empty", 0.05))


def sets(r, out):
    out.append(r.sadd("py:sa", "x", "y", "z"))
    out.append(r.sadd("py:sb", "y", "z", "w"))
    out.append(r.smembers("py:sa"))
    out.append(r.sismember("py:sa", "x"))
    out.append(r.smismember("py:sa", ["x", "w"]))
    out.append(r.scard("py:sa"))
    out.append(r.sinter("py:sa", "py:sb"))
    out.append(r.sunion("py:sa", "py:sb"))
    out.append(r.sdiff("py:sa", "py:sb"))
    out.append(r.srem("py:sa", "x", "none"))
    out.append(r.smove("py:sa", "py:sb", "y"))
    out.append(r.spop("py:sa"))
    out.append(r.exists("py:sa"))


def zsets(r, out):
    out.append(r.zadd("py:z", {"a": 1, "b": 2.5, "c": 3}))
    out.append(r.zrange("py:z", 0, -1, withscores=True))
    out.append(r.zscore("py:z", "b"))
    out.append(r.zmscore("py:z", ["a", "none"]))
    out.append(r.zincrby("py:z", 0.25, "c"))
    out.append(r.zrank("py:z", "c"))
    out.append(r.zrevrange("py:z", 0, 0))
    out.append(r.zrangebyscore("py:z", "(1", "+inf", start=0, num=1))
    out.append(r.zcount("py:z", "-inf", "(3"))
    out.append(r.zpopmin("py:z"))
    out.append(r.zpopmax("py:z", 2))
    r.zadd("py:z1", {"x": 1, "y": 2})
    r.zadd("py:z2", {"y": 10})
    out.append(r.zunionstore("py:u", ["py:z1", "py:z2"]))
    out.append(r.zrange("py:u", 0, -1, withscores=True))


def streams(r, out):
    out.append(r.xadd("py:xs", {"f": "v1"}, id="1-1"))
    out.append(r.xadd("py:xs", {"f": "v2", "g": "w"}, id="1-2"))
    out.append(r.xlen("py:xs"))
    out.append(r.xrange("py:xs"))
    out.append(r.xrevrange("py:xs", count=1))
    out.append(r.xread({"py:xs": "0"}, count=1))
    out.append(r.xgroup_create("py:xs", "g", id="0"))
    out.append(r.xreadgroup("g", "c1", {"py:xs": ">"}, count=5))
    out.append(r.xack("py:xs", "g", "1-1"))
    out.append(r.xpending("py:xs", "g"))
    out.append(r.xdel("py:xs", "1-1"))
    out.append(r.xtrim("py:xs", maxlen=0))


def pubsub(r, out):
    p = r.pubsub()
    p.subscribe("py:ch")
    p.psubscribe("py:c*")
    msgs = []
    while len(msgs) < 2:
        m = p.get_message(timeout=5)
        if m is None:
            raise RuntimeError("no subscribe confirmation")
        msgs.append(m)
    out.append(r.pubsub_numsub("py:ch", "py:none"))
    out.append(r.pubsub_numpat())
    out.append(r.pubsub_channels("py:*"))
    out.append(r.publish("py:ch", "hello"))
    while len(msgs) < 4:
        m = p.get_message(timeout=5)
        if m is None:
            raise RuntimeError("message lost")
        msgs.append(m)
    out.append(msgs)
    p.unsubscribe("py:ch")
    p.punsubscribe("py:c*")
    out.append([p.get_message(timeout=5), p.get_message(timeout=5)])
    p.close()
    out.append(r.publish("py:ch", "nobody"))


def transactions(r, out):
    pipe = r.pipeline()
    out.append(pipe.set("py:t", 1).incr("py:t").get("py:t").execute())
    pipe = r.pipeline()
    pipe.set("py:t", "x").incr("py:t").get("py:t")
    out.append(pipe.execute(raise_on_error=False))
    other = connect()
    with r.pipeline() as pipe:
        pipe.watch("py:t")
        out.append(pipe.get("py:t"))
        other.set("py:t", "theirs")
        pipe.multi()
        pipe.set("py:t", "mine")
        try:
            pipe.execute()
            out.append("not aborted")
        except redis.WatchError as e:
            out.append(type(e).__name__)
    out.append(r.get("py:t"))

    def incr_twice(pipe):
        v = int(pipe.get("py:c") or 0)
        pipe.multi()
        pipe.set("py:c", v + 2)

    out.append(r.transaction(incr_twice, "py:c"))
    out.append(r.get("py:c"))
    pipe = r.pipeline(transaction=False)
    for i in range(300):
        pipe.set("py:p:%d" % i, i)
    pipe.hget("py:p:0", "f")
    for i in range(300):
        pipe.get("py:p:%d" % i)
    res = pipe.execute(raise_on_error=False)
    out.append([len(res), res[0], res[300], res[301], res[600]])


FAMILIES = {f.__name__: f for f in
            (strings, keyspace, hashes, lists, sets, zsets, streams, pubsub, transactions)}

result = {}
for name in sys.argv[2:]:
    r = connect()
    out = []
    try:
        FAMILIES[name](r, out)
        result[name] = norm(out)
    except Exception as e:  # reported to the test as the family's result
        result[name] = {"error": type(e).__name__ + ": " + str(e), "partial": norm(out)}
    r.close()
print(json.dumps(result))
