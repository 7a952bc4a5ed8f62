"""Python's stdlib logging with three format strings, one file each, the same scripted records in
each: info/warning/error lines, and logger.exception() for a plain exception, a chained one
("raise ... from ...": direct cause) and one raised while handling another ("During handling...").
Writes what it raised to --exceptions and the formats to --formats (JSON), for story.json.

  stdlib_logging.py OUTDIR --exceptions F --formats F
"""
import argparse
import json
import logging
import os
import sys

FORMATS = {
    "named.log": {"format": "%(asctime)s [%(name)s] %(levelname)s %(message)s", "datefmt": None},
    "basic.log": {"format": logging.BASIC_FORMAT, "datefmt": None},
    "module.log": {"format": "[%(asctime)s] {%(module)s:%(lineno)d} %(levelname)s - %(message)s",
                   "datefmt": "%d/%b/%Y %H:%M:%S"},
}


class PaymentDeclinedError(Exception):
    pass


def charge(order_id):
    try:
        {"card": None}["card"]["number"]
    except TypeError as e:
        raise PaymentDeclinedError(f"order {order_id}: card data missing") from e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--exceptions", required=True)
    ap.add_argument("--formats", required=True)
    a = ap.parse_args()
    handlers = []
    for fname, spec in FORMATS.items():
        h = logging.FileHandler(os.path.join(a.outdir, fname), encoding="utf-8")
        h.setFormatter(logging.Formatter(spec["format"], spec["datefmt"]))
        handlers.append(h)
    logging.basicConfig(level=logging.DEBUG, handlers=handlers)
    raised = []
    log = logging.getLogger("shop.orders")
    pay = logging.getLogger("shop.payments")
    root = logging.getLogger()

    log.info("order 1001 created (3 items, total 42.50 EUR)")
    log.debug("cache miss for sku A-1")
    pay.warning("payment provider slow: 1840 ms")
    log.info("order 1002 created (1 items, total 9.99 EUR)")
    try:
        int("12x")
    except ValueError as e:
        raised.append({"type": "ValueError", "message": str(e), "logger": "shop.orders"})
        log.exception("could not parse quantity for order %s", 1003)
    try:
        charge(1004)
    except PaymentDeclinedError as e:
        raised.append({"type": "PaymentDeclinedError", "module": "__main__", "message": str(e),
                       "cause": {"type": "TypeError", "message": str(e.__cause__)},
                       "chain": "direct cause", "logger": "shop.payments"})
        pay.exception("charge failed")
    try:
        try:
            open("/nonexistent/sitrep/config.yaml")
        except FileNotFoundError as e:
            raise RuntimeError("config not loaded")
    except RuntimeError as e:
        raised.append({"type": "RuntimeError", "message": str(e),
                       "context": {"type": "FileNotFoundError", "message": str(e.__context__)},
                       "chain": "during handling", "logger": "root"})
        root.exception("startup check failed")
    pay.error("order 1005 refunded twice: manual check needed")
    log.critical("orders queue backlog 5000, dropping writes")
    log.info("multi-line message:\n  second line of the same record")
    with open(a.exceptions, "w") as f:
        for r in raised:
            f.write(json.dumps(r) + "\n")
    with open(a.formats, "w") as f:
        json.dump(FORMATS, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
