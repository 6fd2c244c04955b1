"""The organizers' screens: messages with their counts, write a draft, preview it as one
person, send a test to oneself, send, and read the delivery record (failures sent again)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.admin_screens import AdminScreenView, AdminScreenViewSet
from home.models import Edition

from . import audiences, placeholders, services
from .choices import DeliveryStatus
from .exceptions import MessageError
from .forms import MessageForm, RecipientForm
from .models import Delivery, Message
from .tasks import fail_interrupted

PREVIEW_CHOICES = 500


def _url(name, *args):
    return reverse(f"messaging_admin:{name}", args=args)


class MessageScreen(AdminScreenView):
    model = Message
    permission_required = "change"

    def get_message(self, pk, draft=False):
        message = get_object_or_404(Message.objects.select_related("edition", "workshop"), pk=pk)
        if draft and message.is_sent:
            messages.warning(self.request, _("This message was sent: it can no longer change."))
            return None
        return message


class IndexView(MessageScreen):
    permission_required = "view"

    def get(self, request):
        listing = services.with_counts(
            Message.objects.select_related("edition", "workshop", "sent_by")
        )
        return TemplateResponse(
            request,
            "messaging/admin/index.html",
            {"page_title": _("Messages"), "messages_list": listing},
        )


class EditView(MessageScreen):
    """Write a new draft (no pk) or change a draft."""

    def get(self, request, pk=None):
        if pk is None:
            edition = Edition.objects.current()
            form = MessageForm(initial={"edition": edition.pk} if edition else {})
            return self.respond(form, None)
        message = self.get_message(pk, draft=True)
        if message is None:
            return redirect(_url("record", pk))
        return self.respond(MessageForm(instance=message), message)

    def post(self, request, pk=None):
        message = None
        if pk is not None:
            message = self.get_message(pk, draft=True)
            if message is None:
                return redirect(_url("record", pk))
        form = MessageForm(request.POST, instance=message)
        if form.is_valid():
            message = form.save(commit=False)
            if message.pk is None:
                message.created_by = request.user
            message.save()
            messages.success(request, _("Draft saved. Check it as one of its readers."))
            return redirect(_url("preview", message.pk))
        return self.respond(form, message)

    def respond(self, form, message):
        return TemplateResponse(
            self.request,
            "messaging/admin/edit.html",
            {
                "page_title": _("Change the message") if message else _("New message"),
                "message": message,
                "form": form,
                "placeholders": [
                    (f"{{{name}}}", text) for name, text in placeholders.PLACEHOLDERS.items()
                ],
            },
        )


class CreateView(EditView):
    """A new message needs the "add" permission (a draft, the "change" one)."""

    permission_required = "add"


class PreviewView(MessageScreen):
    """The draft as one person of its audience reads it, and a test to oneself."""

    permission_required = "view"

    def get(self, request, pk):
        message = self.get_message(pk)
        people = audiences.recipients(message)
        form = RecipientForm(people[:PREVIEW_CHOICES], request.GET or None)
        person = form.person
        subject, body = services.preview(message, person) if person else ("", "")
        return TemplateResponse(
            request,
            "messaging/admin/preview.html",
            {
                "page_title": _("Preview"),
                "message": message,
                "form": form,
                "person": person,
                "subject": subject,
                "body": body,
                "count": len(people),
            },
        )


class TestView(MessageScreen):
    def post(self, request, pk):
        message = self.get_message(pk)
        people = audiences.recipients(message)
        form = RecipientForm(people[:PREVIEW_CHOICES], request.POST)
        back = _url("preview", pk)
        person = form.person
        if not request.user.email:
            messages.error(request, _("Your account has no e-mail address to send a test to."))
        elif person is None:
            messages.error(request, _("Nobody in this audience to show the message as."))
        else:
            try:
                services.send_test(message, person, request.user.email)
            except MessageError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("A test as %(name)s is on its way to %(email)s.")
                    % {"name": person.first_name, "email": request.user.email},
                )
            back += f"?recipient={person.kind}-{person.pk}" if person else ""
        return redirect(back)


class SendView(MessageScreen):
    """Ask for confirmation with the number of recipients, then queue the message."""

    def get(self, request, pk):
        message = self.get_message(pk, draft=True)
        if message is None:
            return redirect(_url("record", pk))
        return TemplateResponse(
            request,
            "messaging/admin/send.html",
            {
                "page_title": _("Send the message"),
                "message": message,
                "count": len(audiences.recipients(message)),
            },
        )

    def post(self, request, pk):
        message = self.get_message(pk, draft=True)
        if message is None:
            return redirect(_url("record", pk))
        try:
            count = services.send_message(message, request.user)
        except MessageError as error:
            messages.error(request, error.message)
            return redirect(_url("preview", pk))
        messages.success(
            request,
            _("The message is queued for %(count)s people; it is sent in the background.")
            % {"count": count},
        )
        return redirect(_url("record", pk))


class RecordView(MessageScreen):
    """Who the message went to: counts by status, and each failure with its error."""

    permission_required = "view"

    def get(self, request, pk):
        fail_interrupted(pk)  # a stopped worker's deliveries show as failures
        message = get_object_or_404(
            services.with_counts(Message.objects.select_related("edition", "workshop")), pk=pk
        )
        problems = Delivery.objects.filter(
            message=message,
            status__in=[DeliveryStatus.FAILED, DeliveryStatus.QUEUED, DeliveryStatus.SENDING],
        ).exclude(status=DeliveryStatus.QUEUED, attempts=0)
        return TemplateResponse(
            request,
            "messaging/admin/record.html",
            {
                "page_title": _("Delivery record"),
                "message": message,
                "counts": [
                    (label, getattr(message, f"count_{value}"))
                    for value, label in DeliveryStatus.choices
                ],
                "problems": problems.order_by("status", "pk")[:1000],
            },
        )


class DeleteView(MessageScreen):
    """A draft may go; a sent message stays, as the record of what was sent."""

    permission_required = "delete"

    def get(self, request, pk):
        message = self.get_message(pk, draft=True)
        if message is None:
            return redirect(_url("record", pk))
        return TemplateResponse(
            request,
            "messaging/admin/delete.html",
            {"page_title": _("Delete the draft"), "message": message},
        )

    def post(self, request, pk):
        message = self.get_message(pk, draft=True)
        if message is None:
            return redirect(_url("record", pk))
        message.delete()
        messages.success(request, _("Draft deleted."))
        return redirect(_url("index"))


class ResendView(MessageScreen):
    def post(self, request, pk):
        message = self.get_message(pk)
        count = services.resend_failed(message)
        if count:
            messages.success(
                request, _("%(count)s failed e-mails are queued again.") % {"count": count}
            )
        else:
            messages.info(request, _("No failed e-mail to send again."))
        return redirect(_url("record", pk))


class MessageScreens(AdminScreenViewSet):
    name = "messaging_admin"
    url_prefix = "messages"
    icon = "mail"
    menu_label = gettext_lazy("Messages")
    menu_order = 322
    menu_screen = "index"
    add_to_admin_menu = True
    screens = (
        ("", IndexView, "index"),
        ("new/", CreateView, "create"),
        ("<int:pk>/", EditView, "edit"),
        ("<int:pk>/preview/", PreviewView, "preview"),
        ("<int:pk>/test/", TestView, "test"),
        ("<int:pk>/send/", SendView, "send"),
        ("<int:pk>/record/", RecordView, "record"),
        ("<int:pk>/resend/", ResendView, "resend"),
        ("<int:pk>/delete/", DeleteView, "delete"),
    )
