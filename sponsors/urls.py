from django.urls import path

from . import views

app_name = "sponsors"

urlpatterns = [
    path("<str:token>/", views.portal, name="portal"),
]
