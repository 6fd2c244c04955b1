class MessageError(Exception):
    """The message cannot be sent as asked; `message` says why, for people."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
