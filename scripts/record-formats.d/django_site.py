"""A one-file Django project for the runserver recording (DJANGO_SETTINGS_MODULE=django_site):
DEBUG=True and Django's default LOGGING, so request lines come from django.server and an
exception from django.request ("Internal Server Error: PATH" + traceback)."""
import time

from django.http import JsonResponse
from django.urls import path

import events

DEBUG = True
SECRET_KEY = "record-formats-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "django_site"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True


def _full(request):
    q = request.META.get("QUERY_STRING", "")
    return request.path + ("?" + q if q else "")


def health(request):
    events.record(method=request.method, path=_full(request), slept_ms=0, status=200)
    return JsonResponse({"status": "ok"})


def order(request, order_id):
    ms = events.sleep_ms_for(order_id)
    time.sleep(ms / 1000)
    events.record(method=request.method, path=_full(request), slept_ms=ms, status=200)
    return JsonResponse({"id": order_id})


def orders(request):
    if request.method != "POST":
        return JsonResponse({"detail": "method not allowed"}, status=405)
    time.sleep(0.015)
    events.record(method="POST", path=_full(request), slept_ms=15, status=201)
    return JsonResponse({"id": 9001}, status=201)


def boom(request):
    events.fail_inventory(_full(request))


urlpatterns = [path("health", health), path("api/orders/<int:order_id>", order),
               path("api/orders", orders), path("api/boom", boom)]
