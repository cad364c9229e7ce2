"""Mastodon.py (from PyPI) against the embedded hub: register an app, get a token, post, reply,
read the context and the notifications, and more of what people's own clients use.

Run: `pip install Mastodon.py pytest` then `python3 -m pytest Tests/Clients` (after `swift build`)."""

from mastodon import Mastodon, MastodonAPIError

SCOPES = ["read", "write"]


def client_for(hub, username, password, app):
    client_id, client_secret = app
    api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=hub.url)
    api.log_in(username, password, scopes=SCOPES)  # the OAuth `password` grant
    return api


def test_register_post_reply_context_notifications(hub):
    hub.add_user("alice", "alice-password")
    hub.add_user("bob", "bob-password")
    app = Mastodon.create_app("crier client test", scopes=SCOPES, api_base_url=hub.url)

    alice = client_for(hub, "alice", "alice-password", app)
    assert alice.account_verify_credentials().username == "alice"
    # Version detection: the hub says it is compatible with Mastodon 4.3.
    assert alice.verify_minimum_version("4.3.0", cached=True)
    assert alice.instance_v2().configuration.statuses.max_characters == 500

    # A token minted on the command line works the same way.
    bob = Mastodon(access_token=hub.token("bob"), api_base_url=hub.url)
    assert bob.me().username == "bob"

    post = alice.status_post("Hello from Mastodon.py #CrierTest")
    assert post.account.username == "alice"
    # status_reply mentions the author (`@alice …`), which notifies her.
    reply = bob.status_reply(post, "Hi Alice, welcome!")
    assert reply.in_reply_to_id == post.id
    assert reply.content.startswith("<p>@alice Hi Alice")

    context = alice.status_context(post)
    assert [s.id for s in context.descendants] == [reply.id]
    assert context.ancestors == []
    assert [s.id for s in bob.status_context(reply).ancestors] == [post.id]

    notifications = alice.notifications()
    assert [(n.type, n.account.username, n.status.id) for n in notifications] == [("mention", "bob", reply.id)]
    # Link-header pagination: the next (older) page is empty.
    older = alice.fetch_next(notifications)
    assert not older
    assert bob.notifications() == []

    # Timelines.
    assert [s.id for s in alice.timeline_hashtag("crierTEST")] == [post.id]
    assert post.id in [s.id for s in alice.timeline_home()]
    assert reply.id in [s.id for s in alice.timeline_public()]
    assert [s.id for s in alice.account_statuses(alice.me().id)] == [post.id]

    # Edit and delete.
    edited = alice.status_update(post.id, "Hello again #CrierTest")
    assert edited.edited_at is not None
    deleted = bob.status_delete(reply.id)
    assert deleted.text == "@alice Hi Alice, welcome!"
    assert alice.status_context(post).descendants == []
    try:
        alice.status_delete(post.id + "0")
        raise AssertionError("deleting an unknown status must fail")
    except MastodonAPIError:
        pass

    assert alice.stream_healthy()


def test_app_token_reads_but_cannot_post(hub):
    client_id, client_secret = Mastodon.create_app("reader", scopes=["read"], api_base_url=hub.url)
    reader = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=hub.url)
    # The client_credentials grant: a token for the app itself.
    token = reader._Mastodon__api_request(
        "POST", "/oauth/token",
        {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret, "scope": "read"},
    )["access_token"]
    app_api = Mastodon(access_token=token, api_base_url=hub.url)
    assert app_api.app_verify_credentials().name == "reader"
    assert app_api.timeline_public() == []
    try:
        app_api.status_post("nope")
        raise AssertionError("an app token must not post")
    except MastodonAPIError:
        pass
