"""loguru's default console format and structlog's ConsoleRenderer, each written to a file with
colours on (as a service run with a TTY-less colour setting writes them): the same scripted events,
an exception with a chained cause. Writes what it raised to --exceptions.

  loguru_structlog.py loguru|structlog OUTFILE --exceptions F
"""
import argparse
import json
import sys


class PaymentDeclinedError(Exception):
    pass


def failing(order_id):
    try:
        {"card": None}["card"]["number"]
    except TypeError as e:
        raise PaymentDeclinedError(f"order {order_id}: card data missing") from e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("which", choices=["loguru", "structlog"])
    ap.add_argument("out")
    ap.add_argument("--exceptions", required=True)
    a = ap.parse_args()
    raised = []
    with open(a.out, "w", encoding="utf-8") as f:
        if a.which == "loguru":
            from loguru import logger
            logger.remove()
            # loguru's default format; colorize=True keeps the ANSI codes in the file.
            logger.add(f, colorize=True, level="DEBUG", backtrace=False, diagnose=False)
            logger.info("order {} created", 1001)
            logger.debug("cache miss for sku {}", "A-1")
            logger.warning("payment provider slow: {} ms", 1840)
            logger.bind(order=1002).success("order 1002 paid")
            try:
                failing(1003)
            except PaymentDeclinedError as e:
                raised.append({"type": "PaymentDeclinedError", "module": "__main__", "message": str(e),
                               "cause": {"type": "TypeError", "message": str(e.__cause__)}})
                logger.exception("charge failed for order {}", 1003)
            logger.error("order 1004 refunded twice")
            logger.critical("queue backlog 5000")
        else:
            import structlog
            structlog.configure(
                processors=[structlog.processors.add_log_level,
                            structlog.processors.TimeStamper(fmt="iso"),
                            structlog.dev.ConsoleRenderer(colors=True)],
                logger_factory=structlog.PrintLoggerFactory(file=f))
            log = structlog.get_logger("shop")
            log.info("order created", order_id=1001, items=3, total="42.50")
            log.debug("cache miss", sku="A-1")
            log.warning("payment provider slow", duration_ms=1840)
            log.info("request", method="GET", path="/api/orders/7", status=200, duration_ms=51.2)
            try:
                failing(1003)
            except PaymentDeclinedError as e:
                raised.append({"type": "PaymentDeclinedError", "module": "__main__", "message": str(e),
                               "cause": {"type": "TypeError", "message": str(e.__cause__)}})
                log.exception("charge failed", order_id=1003)
            log.error("refunded twice", order_id=1004)
            log.critical("queue backlog", depth=5000)
    with open(a.exceptions, "w") as f:
        for r in raised:
            f.write(json.dumps(r) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
