"""Asks an X window to close the way a window manager does when its close
button or Alt+F4 is pressed (a WM_DELETE_WINDOW client message). The window
is the first whose title contains the argument. Exits 0 once the request is
sent, 1 when no window has such a title."""
import sys

from Xlib import X, display
from Xlib.protocol import event


def title(win):
    prop = win.get_full_property(d.intern_atom("_NET_WM_NAME"), 0)
    return bytes(prop.value).decode("utf-8", "replace") if prop else ""


def find(win, name):
    if name in title(win):
        return win
    for child in win.query_tree().children:
        found = find(child, name)
        if found:
            return found
    return None


d = display.Display()
target = find(d.screen().root, sys.argv[1])
if target is None:
    sys.exit(1)
protocols = d.intern_atom("WM_PROTOCOLS")
delete = d.intern_atom("WM_DELETE_WINDOW")
message = event.ClientMessage(
    window=target, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
)
target.send_event(message, event_mask=X.NoEventMask)
d.flush()
