/** Streams: explicit IDs (replies fixed), ranges, consumer groups. */
import { err, type Family, step } from "./types.ts";

export const streams: Family = {
  name: "streams",
  cases: [
    {
      name: "XADD, XRANGE, XREAD, XTRIM",
      steps: [
        step(["XADD", "x:a", "1-1", "f", "v1"], "1-1"),
        step(["XADD", "x:a", "1-2", "f", "v2", "g", "w"], "1-2"),
        step(
          ["XADD", "x:a", "1-2", "f", "v"],
          err(
            "ERR The ID specified in XADD is equal or smaller than the target stream top item",
          ),
        ),
        step(["XLEN", "x:a"], 2),
        step(["XRANGE", "x:a", "-", "+"], [["1-1", ["f", "v1"]], ["1-2", ["f", "v2", "g", "w"]]]),
        step(["XREVRANGE", "x:a", "+", "-", "COUNT", "1"], [["1-2", ["f", "v2", "g", "w"]]]),
        // RESP3 answers with a map: flat in the common shape.
        step(
          ["XREAD", "COUNT", "1", "STREAMS", "x:a", "0"],
          [["x:a", [["1-1", ["f", "v1"]]]]],
          ["x:a", [["1-1", ["f", "v1"]]]],
        ),
        step(["XREAD", "STREAMS", "x:a", "1-2"], null),
        step(["XDEL", "x:a", "1-1", "9-9"], 1),
        step(["XTRIM", "x:a", "MAXLEN", "0"], 1),
        step(["XLEN", "x:a"], 0),
      ],
    },
    {
      name: "consumer groups",
      steps: [
        step(["XGROUP", "CREATE", "x:g", "grp", "$", "MKSTREAM"], "OK"),
        step(
          ["XGROUP", "CREATE", "x:g", "grp", "$"],
          err(
            "BUSYGROUP Consumer Group name already exists",
          ),
        ),
        step(["XADD", "x:g", "5-1", "k", "v"], "5-1"),
        step(
          ["XREADGROUP", "GROUP", "grp", "c1", "STREAMS", "x:g", ">"],
          [["x:g", [["5-1", ["k", "v"]]]]],
          ["x:g", [["5-1", ["k", "v"]]]],
        ),
        step(["XPENDING", "x:g", "grp"], [1, "5-1", "5-1", [["c1", "1"]]]),
        step(["XACK", "x:g", "grp", "5-1"], 1),
        step(["XPENDING", "x:g", "grp"], [0, null, null, null]),
        step(
          ["XREADGROUP", "GROUP", "nogroup", "c1", "STREAMS", "x:g", ">"],
          err(
            "NOGROUP No such key 'x:g' or consumer group 'nogroup' in XREADGROUP with GROUP option",
          ),
        ),
      ],
    },
  ],
};
