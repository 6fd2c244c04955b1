from django.urls import path

from . import views

app_name = "figures"

urlpatterns = [
    path("", views.index, name="index"),
    path("editions.csv", views.editions_csv, name="csv"),
    path("editions.json", views.editions_json, name="json"),
]
