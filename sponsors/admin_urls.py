from django.urls import path

from . import admin_views

urlpatterns = [
    path("booths/<int:pk>/review/", admin_views.review, name="review"),
    path("sponsorships/<int:pk>/link/", admin_views.portal_link, name="portal_link"),
    path("exports/", admin_views.exports, name="exports"),
    path(
        "exports/<int:edition_pk>/booths.<str:file_format>",
        admin_views.export,
        name="export",
    ),
    path("exports/<int:edition_pk>/exhibitors/", admin_views.exhibitor_list, name="exhibitors"),
    path("editions/<int:edition_pk>/send-links/", admin_views.send_links, name="send_links"),
]
