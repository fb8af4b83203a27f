<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../desktop/admin.py" line="82" />
        <location filename="../../desktop/admin.py" line="154" />
        <location filename="../../desktop/admin.py" line="218" />
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="83" />
        <location filename="../../desktop/admin.py" line="113" />
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="84" />
        <source>系统设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="85" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="86" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="103" />
        <location filename="../../desktop/admin.py" line="107" />
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="105" />
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="107" />
        <source>锁定至 </source>
        <translation>Locked until </translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="111" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="112" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="116" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="122" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="123" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="124" />
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="134" />
        <source>用户名册</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="136" />
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="137" />
        <location filename="../../desktop/admin.py" line="272" />
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="138" />
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="139" />
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="140" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="141" />
        <source>作废…</source>
        <translation>Void…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="142" />
        <location filename="../../desktop/admin.py" line="274" />
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="154" />
        <source>请先选中一个用户。</source>
        <translation>Select a user first.</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="168" />
        <location filename="../../desktop/admin.py" line="196" />
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="176" />
        <source>修改用户</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="197" />
        <source>用户已添加。初始密码（只显示这一次，请转告本人并提醒修改）：</source>
        <translation>User added. Initial password (shown once; pass it on and ask them to change it):</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="230" />
        <source>新密码（只显示这一次，请转告本人并提醒修改）：</source>
        <translation>New password (shown once; pass it on and ask them to change it):</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="243" />
        <source>作废用户</source>
        <translation>Void user</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="243" />
        <source>作废原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="259" />
        <source>部门名称</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="260" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="269" />
        <source>部门名册</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="270" />
        <source>新增部门…</source>
        <translation>Add department…</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="286" />
        <source>新增部门</source>
        <translation>Add department</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="293" />
        <source>修改部门</source>
        <translation>Edit department</translation>
    </message>
</context>
<context>
    <name>ApprovalCenter</name>
    <message>
        <location filename="../../desktop/approvals.py" line="64" />
        <location filename="../../desktop/approvals.py" line="220" />
        <source>待我审批</source>
        <translation>Awaiting me</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="65" />
        <source>我的申请</source>
        <translation>My requests</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="66" />
        <source>抄送我的</source>
        <translation>Copied to me</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="67" />
        <source>委托代理</source>
        <translation>Delegations</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="71" />
        <source>审批中心</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="93" />
        <location filename="../../desktop/approvals.py" line="132" />
        <location filename="../../desktop/approvals.py" line="159" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="94" />
        <location filename="../../desktop/approvals.py" line="133" />
        <location filename="../../desktop/approvals.py" line="160" />
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="95" />
        <location filename="../../desktop/approvals.py" line="161" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="96" />
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="97" />
        <location filename="../../desktop/approvals.py" line="135" />
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="98" />
        <source>办理期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="99" />
        <source>代理</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="117" />
        <source>搜索标题或申请人（支持拼音首字母）</source>
        <translation>Search title or applicant (pinyin initials work)</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="120" />
        <location filename="../../desktop/approvals.py" line="146" />
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="122" />
        <location filename="../../desktop/approvals.py" line="253" />
        <location filename="../../desktop/approvals.py" line="256" />
        <location filename="../../desktop/approvals.py" line="272" />
        <source>批量同意</source>
        <translation>Approve selected</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="123" />
        <source>同意所有选中的申请（每份单独处理）</source>
        <translation>Approve every selected request (each on its own)</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="134" />
        <location filename="../../desktop/approvals.py" line="162" />
        <location filename="../../desktop/approvals.py" line="190" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="136" />
        <source>办结时间</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="145" />
        <source>搜索标题</source>
        <translation>Search title</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="148" />
        <location filename="../../desktop/approvals.py" line="286" />
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="150" />
        <location filename="../../desktop/approvals.py" line="291" />
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="163" />
        <source>抄送人</source>
        <translation>Copied by</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="164" />
        <source>抄送时间</source>
        <translation>Copied at</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="179" />
        <source>全部审批</source>
        <translation>All approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="182" />
        <source>已撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="185" />
        <source>委托人</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="186" />
        <source>代理人</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="187" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="188" />
        <source>开始</source>
        <translation>Starts</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="189" />
        <source>结束</source>
        <translation>Ends</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="194" />
        <source>新建委托…</source>
        <translation>New delegation…</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="196" />
        <source>撤销委托</source>
        <translation>Revoke delegation</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="253" />
        <source>请先选中要同意的申请。</source>
        <translation>Select the requests to approve first.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="256" />
        <source>同意选中的 %n 份申请？</source>
        <translation><numerusform>Approve the selected request?</numerusform><numerusform>Approve the %n selected requests?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="268" />
        <source>已同意 %n 份。</source>
        <translation><numerusform>%n approved.</numerusform><numerusform>%n approved.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="271" />
        <source>%n 份未能处理，见详细信息。</source>
        <translation><numerusform>%n could not be processed; see details.</numerusform><numerusform>%n could not be processed; see details.</numerusform></translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="276" />
        <source>正在批量审批…</source>
        <translation>Approving…</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="286" />
        <source>撤回这份申请？</source>
        <translation>Withdraw this request?</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/approvals.py" line="291" />
        <source>已提醒 %n 位审批人。</source>
        <translation><numerusform>Reminded %n approver.</numerusform><numerusform>Reminded %n approvers.</numerusform></translation>
    </message>
</context>
<context>
    <name>AuditLogView</name>
    <message>
        <location filename="../../desktop/admin.py" line="383" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="384" />
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="385" />
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="386" />
        <source>记录号</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="387" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="390" />
        <source>变更内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="396" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="409" />
        <source>操作人（姓名、拼音或首字母）</source>
        <translation>By (name, pinyin or initials)</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="410" />
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="418" />
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="421" />
        <source>全部对象</source>
        <translation>All objects</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="425" />
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="429" />
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="431" />
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="465" />
        <source>从 </source>
        <translation>From </translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="467" />
        <source>到 </source>
        <translation>To </translation>
    </message>
</context>
<context>
    <name>BackgroundTask</name>
    <message>
        <location filename="../../desktop/tasks.py" line="150" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks.py" line="151" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../desktop/tasks.py" line="166" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../desktop/connection.py" line="172" />
        <source>数据库连接</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="177" />
        <source>本机数据文件（SQLite，单机使用）</source>
        <translation>Data file on this PC (SQLite, one desktop)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="178" />
        <source>数据库服务器（MySQL/MariaDB，多台电脑共用）</source>
        <translation>Database server (MySQL/MariaDB, shared by several PCs)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="184" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="189" />
        <source>数据文件</source>
        <translation>Data file</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="191" />
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="201" />
        <source>在系统密码保管库中记住密码</source>
        <translation>Remember the password in the system's password store</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="211" />
        <source>这台电脑没有可用的系统密码保管库，密码不会被保存，每次启动需要重新输入。</source>
        <translation>This PC has no password store available: the password is not saved and must be entered at each start.</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="213" />
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="215" />
        <source>地址：</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="216" />
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="217" />
        <source>数据库名：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="218" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="219" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="223" />
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="259" />
        <source>选择数据文件</source>
        <translation>Choose data file</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="261" />
        <source>后勤数据文件 (*.db);;所有文件 (*)</source>
        <translation>Houqin data files (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="287" />
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="291" />
        <source>连接成功（数据库版本 %1）</source>
        <translation>Connected (schema version %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/connection.py" line="295" />
        <source>连接失败：</source>
        <translation>Connection failed: </translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <location filename="../../desktop/approvals.py" line="332" />
        <source>新建委托</source>
        <translation>New delegation</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="342" />
        <source>全部审批</source>
        <translation>All approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="353" />
        <source>代理人：</source>
        <translation>Delegate:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="354" />
        <source>开始：</source>
        <translation>Starts:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="355" />
        <source>结束：</source>
        <translation>Ends:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="356" />
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../desktop/approvals.py" line="392" />
        <source>请从列表中选择代理人</source>
        <translation>Pick the delegate from the list</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../desktop/document_dialog.py" line="60" />
        <source>申请内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>处理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="64" />
        <source>意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="70" />
        <source>审批记录</source>
        <translation>Approval trail</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="74" />
        <source>审批意见（驳回、退回时必填）</source>
        <translation>Comment (required to reject or return)</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="77" />
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="78" />
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="80" />
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="88" />
        <source>退回至：</source>
        <translation>Return to:</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="94" />
        <source>转交</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="95" />
        <source>抄送</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="99" />
        <source>人员：</source>
        <translation>Person:</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="104" />
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="105" />
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="108" />
        <source>打印申请批准单</source>
        <translation>Print approval form</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="110" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="119" />
        <source>处理</source>
        <translation>Decide</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="145" />
        <source>当前环节：</source>
        <translation>Current step: </translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="174" />
        <source>（无附加内容）</source>
        <translation>(no further fields)</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="209" />
        <source>申请人</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="273" />
        <source>选择人员</source>
        <translation>Choose a person</translation>
    </message>
    <message>
        <location filename="../../desktop/document_dialog.py" line="273" />
        <source>请先在「人员」中选择一位同事。</source>
        <translation>Pick a colleague under "Person" first.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../desktop/form_dialog.py" line="239" />
        <source>必填</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>ListView</name>
    <message>
        <location filename="../../desktop/list_view.py" line="52" />
        <source>搜索（姓名、拼音或首字母，如 zs）</source>
        <translation>Search (name, pinyin or initials, e.g. zs)</translation>
    </message>
    <message>
        <location filename="../../desktop/list_view.py" line="66" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/list_view.py" line="67" />
        <source>按当前筛选条件导出全部记录</source>
        <translation>Export every record matching the current filters</translation>
    </message>
    <message>
        <location filename="../../desktop/list_view.py" line="174" />
        <source>读取失败：数据库暂时无法访问</source>
        <translation>Could not load: the database is unavailable</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/list_view.py" line="176" />
        <source>共 %n 条</source>
        <translation><numerusform>%n row</numerusform><numerusform>%n rows</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/list_view.py" line="178" />
        <source>已显示 %n 条，向下滚动继续加载</source>
        <translation><numerusform>%n row shown; scroll down for more</numerusform><numerusform>%n rows shown; scroll down for more</numerusform></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/login.py" line="91" />
        <source>登录 — 后勤综合管理系统</source>
        <translation>Sign in — Houqin Office Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="101" />
        <source>后勤综合管理系统</source>
        <translation>Houqin Office Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="110" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="113" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="114" />
        <source>记住用户名</source>
        <translation>Remember user name</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="120" />
        <source>更改…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="133" />
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="134" />
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="136" />
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="140" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="142" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="161" />
        <source>无法打开数据库：</source>
        <translation>Cannot open the database: </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/main_window.py" line="80" />
        <location filename="../../desktop/main_window.py" line="295" />
        <source>后勤综合管理系统</source>
        <translation>Houqin Office Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="99" />
        <source>没有可用的模块</source>
        <translation>No modules available</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="177" />
        <source>数据库连接中断</source>
        <translation>Database connection lost</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="203" />
        <source>系统(&amp;S)</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="204" />
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="207" />
        <source>数据库连接…</source>
        <translation>Database connection…</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="210" />
        <location filename="../../desktop/main_window.py" line="247" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="219" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="222" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="223" />
        <location filename="../../desktop/main_window.py" line="294" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="231" />
        <source>当前用户：</source>
        <translation>User: </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="235" />
        <source>角色：</source>
        <translation>Roles: </translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="238" />
        <source>当前数据库</source>
        <translation>Current database</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="248" />
        <source>界面语言将在下次启动时切换。</source>
        <translation>The language changes at the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257" />
        <source>数据库连接</source>
        <translation>Database connection</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="257" />
        <source>新的数据库连接将在重新登录后生效。</source>
        <translation>The new database connection applies at the next sign-in.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="280" />
        <location filename="../../desktop/main_window.py" line="287" />
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="287" />
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/main_window.py" line="297" />
        <source>车辆、办公用品、客户回访、培训考勤与审批</source>
        <translation>Fleet, office supplies, customer callbacks, training attendance and approvals</translation>
    </message>
</context>
<context>
    <name>SearchPicker</name>
    <message>
        <location filename="../../desktop/pickers.py" line="30" />
        <source>输入姓名、拼音或首字母</source>
        <translation>Type a name, pinyin or initials</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../desktop/admin.py" line="336" />
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/admin.py" line="354" />
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/admin.py" line="368" />
        <source>已保存 %n 项更改。</source>
        <translation><numerusform>Saved %n change.</numerusform><numerusform>Saved %n changes.</numerusform></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/errors.py" line="68" />
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="69" />
        <source>仍要继续吗？</source>
        <translation>Continue anyway?</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="73" />
        <location filename="../../desktop/errors.py" line="88" />
        <source>无法完成</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="76" />
        <source>内容已变化</source>
        <translation>Changed meanwhile</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="78" />
        <location filename="../../desktop/errors.py" line="82" />
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="83" />
        <source>数据库暂时无法访问，请检查网络或稍后再试。</source>
        <translation>The database is unavailable; check the network or try again later.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="94" />
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="95" />
        <source>发生了意外错误，操作未完成。请把详细信息发给系统管理员。</source>
        <translation>An unexpected error stopped the action. Please send the details to your administrator.</translation>
    </message>
</context>
<context>
    <name>exporting</name>
    <message>
        <location filename="../../desktop/exporting.py" line="73" />
        <location filename="../../desktop/exporting.py" line="95" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="74" />
        <source>已导出 %1 条到：</source>
        <translation>Exported %1 rows to:</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="82" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="97" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="133" />
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="135" />
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="153" />
        <location filename="../../desktop/exporting.py" line="166" />
        <location filename="../../desktop/exporting.py" line="182" />
        <source>从 Excel 导入</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="155" />
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation>Excel workbook (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="167" />
        <source>确认导入？</source>
        <translation>Import now?</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="178" />
        <source>新用户的初始密码只显示这一次，见详细信息。</source>
        <translation>New users' initial passwords are shown once, in the details.</translation>
    </message>
    <message>
        <location filename="../../desktop/exporting.py" line="203" />
        <source>正在生成打印文件…</source>
        <translation>Preparing the printout…</translation>
    </message>
</context>
<context>
    <name>first_admin</name>
    <message>
        <location filename="../../desktop/login.py" line="61" />
        <source>首次使用：创建系统管理员</source>
        <translation>First start: create the administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/login.py" line="69" />
        <source>这是一个新的数据库。请先创建系统管理员账户，之后用它登录并添加其他用户。</source>
        <translation>This is a new database. Create the administrator account first, then sign in with it and add the other users.</translation>
    </message>
</context>
<context>
    <name>modules</name>
    <message>
        <location filename="../../desktop/modules.py" line="83" />
        <source>审批中心</source>
        <translation>Approvals</translation>
    </message>
    <message>
        <location filename="../../desktop/modules.py" line="92" />
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
</context>
</TS>