"""The views behind RegistrationPage's routes: the participant's pages (participant.py) and
the volunteers' pages at the door (checkin.py). The admin's screens are in admin_views.py."""
